using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Estimators.Tests.Reports;
using Ml.Cnn.Layers;
using Ml.Cnn.Notebook;
using Ml.Cnn.Sweeps;

namespace Ml.Cnn.Reports.Tests.Notebook;

/// <summary>The HTML notebooks show: scoped style, the right parts for each object, labels read from ML.NET's matrix.</summary>
public class NotebookHtmlTests
{
    /// <summary>A scored row: text labels, mapped to keys by the test's pipeline.</summary>
    private sealed class ScoredRow
    {
        public string Label { get; set; } = "";

        public string Predicted { get; set; } = "";

        [VectorType(3)]
        public float[] Score { get; set; } = [];
    }

    /// <summary>ML.NET's evaluation of 3 classes named <paramref name="names"/>: row i has class i % 3, every fifth one predicted as the next class.</summary>
    private static MulticlassClassificationMetrics Evaluated(string[] names)
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 30).Select(i =>
        {
            var (truth, predicted) = (i % 3, i % 5 == 0 ? (i + 1) % 3 : i % 3);
            var score = new float[3];
            score[predicted] = 1;
            return new ScoredRow { Label = names[truth], Predicted = names[predicted], Score = score };
        }).ToArray();
        // ML.NET names the classes of its confusion matrix after the Score column's slot names, as the CNN trainer sets them.
        var schema = SchemaDefinition.Create(typeof(ScoredRow));
        var slotNames = new VBuffer<ReadOnlyMemory<char>>(3, [.. names.Select(n => n.AsMemory())]);
        schema["Score"].AddAnnotation("SlotNames", slotNames, new VectorDataViewType(TextDataViewType.Instance, 3));
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var keyData = ml.Data.LoadFromEnumerable(names.Select(n => new { Label = n }));
        var scored = ml.Transforms.Conversion.MapValueToKey("Label", keyData: keyData)
            .Append(ml.Transforms.Conversion.MapValueToKey("PredictedLabel", "Predicted", keyData: keyData))
            .Fit(data).Transform(data);
        return ml.MulticlassClassification.Evaluate(scored);
    }

    [Fact]
    public void Every_style_rule_is_scoped_to_the_output()
    {
        var html = NotebookHtml.History(ReportData.Full());
        var css = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var selectors = Regex.Matches(css, @"^\s*([^{}]+)\{", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(selectors);
        Assert.All(selectors.SelectMany(s => s.Split(',')), s => Assert.StartsWith(".mlcnn", s.Trim(), StringComparison.Ordinal));
        Assert.StartsWith("<div class=\"mlcnn\">", html, StringComparison.Ordinal);
        Assert.EndsWith("</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_shows_its_cards_curves_and_one_row_per_epoch()
    {
        var html = NotebookHtml.History(ReportData.Full());
        Assert.Contains("<div class=\"k\">Epochs</div><div class=\"v\">3</div>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"k\">Final val. accuracy</div><div class=\"v\">0.8200</div>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"mlcnn-curves\"", html, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Matches(html, "<tr><td class=\"num\">\\d</td>").Count);
    }

    [Fact]
    public void A_model_summary_becomes_a_table_of_its_layers_and_totals()
    {
        var summary = Architectures.Basic.Summary(new ImageShape(1, 28, 28), 10);
        var layers = summary.Split('\n').SkipWhile(l => !l.StartsWith('=')).Skip(1).TakeWhile(l => !l.StartsWith('=')).ToArray();

        var html = NotebookHtml.Summary(summary);

        Assert.Contains("<h4>Model: &quot;basic&quot;  input [1, 28, 28]</h4>", html, StringComparison.Ordinal);
        var table = html[html.IndexOf("<table class=\"summary\">", StringComparison.Ordinal)..html.IndexOf("<table class=\"totals\">", StringComparison.Ordinal)];
        Assert.Equal(layers.Length, Regex.Matches(table, "<tr><td>").Count);
        Assert.Contains("<td>conv2d_1 (Conv2d)</td><td>[32, 26, 26]</td><td class=\"num\">320</td>", table, StringComparison.Ordinal);
        Assert.Matches("<td>Total params</td><td class=\"num\">[0-9,]+</td>", html);
    }

    [Fact]
    public void Text_that_is_not_a_summary_table_is_shown_as_it_is()
    {
        var html = NotebookHtml.Summary("a <b> model");
        Assert.Contains("<pre>a &lt;b&gt; model</pre>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cat", "dog", "bird")]
    [InlineData("T-shirt/top", "Trouser", "Ankle boot")]
    public void Multiclass_metrics_name_the_classes_of_the_ML_NET_matrix(string a, string b, string c)
    {
        var html = NotebookHtml.Multiclass(Evaluated([a, b, c]));

        Assert.Contains("<td>MicroAccuracy</td><td class=\"num\">0.8000</td>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"mlcnn-confusion\"", html, StringComparison.Ordinal);
        foreach (var name in new[] { a, b, c })
            Assert.Contains($"<tr><td>{name}</td>", html, StringComparison.Ordinal);
        // Class a: 10 rows, 8 right (rows 0 and 15 predicted as b); predicted a: 8 right of 10 (rows 10 and 25 were c).
        Assert.Contains($"<tr><td>{a}</td><td class=\"num\">0.8000</td><td class=\"num\">0.8000</td><td class=\"num\">0.8000</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_labels_replace_those_of_the_matrix_and_must_match_its_classes()
    {
        var metrics = Evaluated(["cat", "dog", "bird"]);
        Assert.Contains("<tr><td>Katze</td>", NotebookHtml.Multiclass(metrics, ["Katze", "Hund", "Vogel"]), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NotebookHtml.Multiclass(metrics, ["Katze"]));
    }

    [Fact]
    public void Binary_and_regression_metrics_are_tables_the_binary_one_with_its_matrix()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 20).Select(i => new { Label = i % 2 == 0, Score = i % 4 == 0 ? 2f : i % 2 == 0 ? -1f : -2f, PredictedLabel = i % 4 == 0 });
        var binary = ml.BinaryClassification.EvaluateNonCalibrated(ml.Data.LoadFromEnumerable(rows));
        var html = NotebookHtml.Binary(binary);
        Assert.Contains("<td>Accuracy</td><td class=\"num\">0.7500</td>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"mlcnn-confusion\"", html, StringComparison.Ordinal);

        var values = Enumerable.Range(0, 4).Select(i => new { Label = (float)i, Score = i + 0.5f });
        var regression = NotebookHtml.Regression(ml.Regression.Evaluate(ml.Data.LoadFromEnumerable(values)));
        Assert.Contains("<td>MeanAbsoluteError</td><td class=\"num\">0.5000</td>", regression, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_shows_the_report_body_without_a_page_around_it()
    {
        var trial = new TrialRecord(1, 0, TrialState.Complete, new TrialParameters([new("lr", 0.01)]), 1, 0.9, [0.8, 0.9], "host:1:0",
            new DateTime(2026, 12, 3, 7, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 3, 7, 1, 0, DateTimeKind.Utc), null, null);
        var html = NotebookHtml.Sweep(new SweepResult("s", "MicroAccuracy", maximize: true, [trial]));
        Assert.Contains("<h3>Sweep s</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h4>Best trial</h4>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(html, "<svg").Count);
    }

    [Fact]
    public void A_training_report_shows_whole_in_an_iframe_with_its_page_escaped()
    {
        var html = NotebookHtml.Report(new TrainingReportContent("Pets & <co>", "summary", [], ReportData.Full(), []));
        Assert.StartsWith("<iframe class=\"mlcnn-report\" title=\"Pets &amp; &lt;co&gt;\" srcdoc=\"&lt;!DOCTYPE html&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style>", html, StringComparison.Ordinal);
        Assert.Contains("Training curves", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_image_is_scaled_up_with_square_pixels()
    {
        var html = NotebookHtml.Image(new PngImage(new byte[28 * 28], new ImageShape(1, 28, 28)));
        Assert.Contains("<img src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("width=\"112\" height=\"112\"", html, StringComparison.Ordinal);
    }
}
