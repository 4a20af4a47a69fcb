using System.Xml;
using System.Xml.Linq;
using Ml.Cnn.Reports;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Estimators.Tests.Reports;

public class TrainingReportTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static TrainingReportContent Classifier(string title = "Fashion-MNIST <small>")
    {
        var confusion = new ConfusionTable(["shirt", "T-shirt/top", "bag"], [[70, 25, 5], [12, 86, 2], [1, 0, 99]]);
        KeyValuePair<string, double>[] metrics = [new("MicroAccuracy", 0.85), new("MacroAccuracy", 0.85), new("TopKAccuracy (k=2)", 0.97)];
        KeyValuePair<string, string>[] options = [new("Epochs", "3"), new("Loss", "FocalLoss(gamma=2) & <weights>")];
        return new TrainingReportContent(title, "Layer  Output  Params\nconv1  <8x28x28>  80", options, ReportData.Full(), metrics,
                confusion.Labels, confusion.Counts, confusion.PerClassRows())
            { CreatedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 0, TimeSpan.Zero) };
    }

    private static XElement Parse(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html);
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader).Root!;
    }

    private static IEnumerable<string> Sections(XElement root) =>
        root.Descendants("section").Select(s => s.Attribute("id")!.Value);

    [Fact]
    public void A_classifier_report_has_every_section_in_order()
    {
        var html = TrainingReport.ToHtml(Classifier());
        var root = Parse(html);
        Assert.Equal(["metrics", "curves", "confusion", "per-class", "history", "model", "options"], Sections(root));
        Assert.Equal(2, root.Descendants(Svg + "svg").Count());
        Assert.Equal(["70", "25", "5", "12", "86", "2", "1", "0", "99"], root.Descendants(Svg + "text")
            .Where(t => (string?)t.Attribute("class") == "count").Select(t => t.Value));
        Assert.Equal(4, root.Descendants(Svg + "polyline").Count());
        Assert.Contains("2025-03-04 05:06 +00:00", root.Element("body")!.Value);
        Assert.Equal("Layer  Output  Params\nconv1  <8x28x28>  80", root.Descendants("pre").Single().Value);
    }

    [Fact]
    public void Tables_hold_the_metrics_per_class_rows_history_and_options()
    {
        var root = Parse(TrainingReport.ToHtml(Classifier()));
        string[][] Rows(string section) => root.Descendants("section").Single(s => s.Attribute("id")!.Value == section)
            .Descendants("tbody").Single().Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToArray()).ToArray();
        Assert.Equal(["MicroAccuracy", "0.8500"], Rows("metrics")[0]);
        Assert.Equal(["T-shirt/top", "0.7748", "0.8600", "0.8152", ""], Rows("per-class")[1]);
        Assert.Equal(["2", "0.5000", "0.8000", "0.5500", "0.7800", "0.005", "2.5", "400"], Rows("history")[1]);
        Assert.Equal(["Loss", "FocalLoss(gamma=2) & <weights>"], Rows("options")[1]);
    }

    [Fact]
    public void A_report_without_classes_or_metrics_leaves_those_parts_out()
    {
        var content = new TrainingReportContent("Regression", "", [], ReportData.LossOnly(), []);
        var root = Parse(TrainingReport.ToHtml(content));
        Assert.Equal(["metrics", "curves", "history", "model", "options"], Sections(root));
        Assert.Single(root.Descendants(Svg + "svg"));
        var header = root.Descendants("section").Single(s => s.Attribute("id")!.Value == "history").Descendants("th").Select(th => th.Value);
        Assert.Equal(["Epoch", "Train loss", "Learning rate", "Seconds", "Images / s"], header);
    }

    [Fact]
    public void The_file_is_self_contained()
    {
        var html = TrainingReport.ToHtml(Classifier());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href", html);
        Assert.DoesNotContain("url(", html);
        Assert.DoesNotContain("@import", html);
        var links = html.Split("http://").Skip(1).ToArray();
        Assert.Equal(2, links.Length);
        Assert.All(links, l => Assert.StartsWith("www.w3.org/2000/svg\"", l));
    }

    [Fact]
    public void User_strings_are_escaped()
    {
        const string title = "<script>alert('x')</script> & \"co\"";
        var html = TrainingReport.ToHtml(Classifier(title));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;", html);
        var root = Parse(html);
        Assert.Equal(title, root.Descendants("h1").Single().Value);
        Assert.Equal(title, root.Descendants("title").First().Value);
    }

    [Fact]
    public void Confusion_labels_without_counts_are_rejected()
    {
        var content = new TrainingReportContent("t", "s", [], ReportData.Full(), [], ConfusionLabels: ["a"]);
        Assert.Throws<ArgumentException>(() => TrainingReport.ToHtml(content));
    }

    [Fact]
    public void Save_replaces_the_file_atomically_and_a_missing_folder_names_the_path()
    {
        using var folder = new TempFolder();
        var path = folder.File("report.html");
        File.WriteAllText(path, "old report");
        var content = Classifier();
        TrainingReport.Save(content, path);
        Assert.Equal(TrainingReport.ToHtml(content), File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
        var missing = Path.Combine(folder.Path, "reports", "report.html");
        var e = Assert.Throws<DirectoryNotFoundException>(() => TrainingReport.Save(content, missing));
        Assert.Contains(missing, e.Message);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "reports")));
    }
}
