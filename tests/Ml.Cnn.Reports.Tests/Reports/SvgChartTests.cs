using System.Xml.Linq;
using Ml.Cnn.Reports;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Reports;

public class SvgChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Parse(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(Svg + "svg", root.Name);
        return root;
    }

    private static Dictionary<string, int> PolylinePoints(XElement root) => root.Descendants(Svg + "polyline").ToDictionary(
        p => p.Attribute("class")!.Value.Split(' ').Single(c => c.StartsWith("series-")),
        p => p.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

    [Fact]
    public void Curves_have_one_polyline_per_series_with_a_point_per_epoch()
    {
        var root = Parse(SvgChart.Curves(ReportData.Full()));
        Assert.Equal(new Dictionary<string, int>
        {
            ["series-train-loss"] = 3, ["series-validation-loss"] = 3, ["series-train-accuracy"] = 3, ["series-validation-accuracy"] = 3,
        }, PolylinePoints(root));
        Assert.Equal(["1", "2", "3"], root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "tick tick-x")
            .Select(t => t.Value).Distinct());
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "validation");
        Assert.Equal("640", root.Attribute("width")!.Value);
    }

    [Fact]
    public void Curves_leave_out_missing_validation_and_accuracy()
    {
        var root = Parse(SvgChart.Curves(ReportData.LossOnly(), 400, 200));
        Assert.Equal(new Dictionary<string, int> { ["series-train-loss"] = 2 }, PolylinePoints(root));
        Assert.DoesNotContain(root.Descendants(Svg + "g"), g => ((string?)g.Attribute("class"))?.Contains("panel-accuracy") == true);
        Assert.DoesNotContain(root.Descendants(Svg + "text"), t => t.Value == "validation");
    }

    [Fact]
    public void One_epoch_is_drawn_as_a_marker()
    {
        var root = Parse(SvgChart.Curves(ReportData.History(new EpochMetrics(1, 0.7, 0.5, null, null, 0.01, 1, 10))));
        Assert.Equal(new Dictionary<string, int> { ["series-train-loss"] = 1, ["series-train-accuracy"] = 1 }, PolylinePoints(root));
        Assert.Equal(2, root.Descendants(Svg + "circle").Count());
    }

    [Fact]
    public void Long_histories_have_lines_without_markers()
    {
        var history = ReportData.History(Enumerable.Range(1, 60).Select(e => new EpochMetrics(e, 1.0 / e, null, 1.5 / e, null, 0.01, 1, 10)).ToArray());
        var root = Parse(SvgChart.Curves(history));
        Assert.Equal(new Dictionary<string, int> { ["series-train-loss"] = 60, ["series-validation-loss"] = 60 }, PolylinePoints(root));
        Assert.Empty(root.Descendants(Svg + "circle"));
    }

    [Fact]
    public void Curves_skip_non_finite_values_and_handle_no_epochs()
    {
        var root = Parse(SvgChart.Curves(ReportData.History(
            new EpochMetrics(1, 0.7, null, null, null, 0.01, 1, 10), new EpochMetrics(2, double.NaN, null, null, null, 0.01, 1, 10))));
        Assert.Equal(new Dictionary<string, int> { ["series-train-loss"] = 1 }, PolylinePoints(root));
        Assert.DoesNotContain("NaN", root.ToString());
        Assert.Empty(Parse(SvgChart.Curves(new TrainingHistory())).Descendants(Svg + "polyline"));
    }

    [Fact]
    public void Svg_is_self_contained()
    {
        var svg = SvgChart.Curves(ReportData.Full()) + SvgChart.ConfusionHeatMap(["a", "b"], [[1, 2], [3, 4]]);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, svg.Split("http").Length - 1);
    }

    [Fact]
    public void Heat_map_has_a_cell_and_a_count_per_pair()
    {
        long[][] counts = [[50, 3, 0], [7, 41, 2], [0, 0, 12345]];
        var root = Parse(SvgChart.ConfusionHeatMap(["cat", "dog", "bird"], counts));
        Assert.Equal(9, root.Descendants(Svg + "rect").Count(r => ((string?)r.Attribute("class"))?.StartsWith("cell") == true));
        Assert.Equal(counts.SelectMany(r => r).Select(c => c.ToString()), root.Descendants(Svg + "text")
            .Where(t => (string?)t.Attribute("class") == "count").Select(t => t.Value));
        Assert.Equal(["cat", "dog", "bird"], Labels(root, "label label-true"));
        Assert.Equal(["cat", "dog", "bird"], Labels(root, "label label-predicted"));
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "true");
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "predicted");
    }

    [Fact]
    public void Heat_map_shades_by_share_of_the_row()
    {
        // Row 0 has 1 of 1 on the diagonal, row 1 has 100 of 1000: the rare class's perfect cell is darker.
        var root = Parse(SvgChart.ConfusionHeatMap(["rare", "common"], [[1, 0], [900, 100]]));
        var fills = root.Descendants(Svg + "rect").Where(r => ((string?)r.Attribute("class"))?.StartsWith("cell") == true)
            .Select(r => Convert.ToInt32(r.Attribute("fill")!.Value[1..3], 16)).ToArray();
        Assert.True(fills[0] < fills[3], "a full row share is darker than a tenth");
        Assert.True(fills[2] < fills[3], "90% of the row is darker than 10%");
        Assert.Equal(fills[1], Parse(SvgChart.ConfusionHeatMap(["x"], [[0]])).Descendants(Svg + "rect")
            .Where(r => (string?)r.Attribute("class") == "cell diagonal").Select(r => Convert.ToInt32(r.Attribute("fill")!.Value[1..3], 16)).Single());
    }

    [Fact]
    public void Heat_map_escapes_labels()
    {
        var svg = SvgChart.ConfusionHeatMap(["<a&b>", "\"q\" 'x'\u0001"], [[1, 0], [0, 1]]);
        Assert.DoesNotContain("<a&b>", svg);
        var root = Parse(svg);
        Assert.Equal(["<a&b>", "\"q\" 'x'\uFFFD"], Labels(root, "label label-true"));
    }

    [Fact]
    public void Heat_map_rejects_a_matrix_that_does_not_fit_the_labels()
    {
        Assert.Throws<ArgumentException>(() => SvgChart.ConfusionHeatMap(["a", "b"], [[1, 2]]));
        Assert.Throws<ArgumentException>(() => SvgChart.ConfusionHeatMap(["a", "b"], [[1, 2], [3]]));
        Assert.Throws<ArgumentException>(() => SvgChart.ConfusionHeatMap([], []));
        Assert.Throws<ArgumentException>(() => SvgChart.ConfusionHeatMap(["a"], [[-1]]));
    }

    [Fact]
    public void Save_curves_writes_a_standalone_svg_atomically()
    {
        using var folder = new TempFolder();
        var path = folder.File("curves.svg");
        File.WriteAllText(path, "old");
        SvgChart.SaveCurves(ReportData.Full(), path);
        Assert.Equal(SvgChart.Curves(ReportData.Full()), File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
        var missing = Path.Combine(folder.Path, "no-such-folder", "curves.svg");
        var e = Assert.Throws<DirectoryNotFoundException>(() => SvgChart.SaveCurves(ReportData.Full(), missing));
        Assert.Contains(missing, e.Message);
    }

    private static IEnumerable<string> Labels(XElement root, string cssClass) =>
        root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == cssClass).Select(t => t.Value);
}
