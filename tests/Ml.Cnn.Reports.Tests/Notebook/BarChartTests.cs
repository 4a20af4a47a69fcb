using System.Globalization;
using System.Xml.Linq;
using Ml.Cnn.Notebook;

namespace Ml.Cnn.Reports.Tests.Notebook;

/// <summary>Grouped bars: one bar per value, heights proportional from 0, names escaped, bad series refused.</summary>
public class BarChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Each_value_is_a_bar_whose_height_is_proportional_to_it()
    {
        var chart = new BarChart("Recall <per class>", ["a", "b", "c"],
            [new("x", [0.5, 1.0, 0.25]), new("y & z", [0.0, 0.75, 1.0])]);

        var svg = XDocument.Parse(chart.ToSvg());

        var bars = svg.Descendants(Svg + "rect").Where(r => (string?)r.Attribute("class") == "column").ToArray();
        Assert.Equal(6, bars.Length);
        double Height(int i) => double.Parse((string)bars[i].Attribute("height")!, CultureInfo.InvariantCulture);
        // Category by category, series by series: (a, x) = 0.5, (a, y) = 0, (b, x) = 1, (b, y) = 0.75, (c, x) = 0.25.
        Assert.Equal(Height(2) / 2, Height(0), 1);
        Assert.Equal(0, Height(1), 1);
        Assert.Equal(Height(2) * 0.75, Height(3), 1);
        Assert.Equal(Height(2) / 4, Height(4), 1);
        Assert.Equal("b, y & z: 0.75", bars[3].Element(Svg + "title")!.Value);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "Recall <per class>");
    }

    [Fact]
    public void Series_of_another_length_or_with_negative_values_are_refused()
    {
        Assert.Contains("2 values for 3 categories", Assert.Throws<ArgumentException>(() =>
            new BarChart("t", ["a", "b", "c"], [new("x", [1.0, 2.0])])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new BarChart("t", ["a"], [new("x", [-1.0])]));
        Assert.Throws<ArgumentException>(() => new BarChart("t", ["a"], [new("x", [double.NaN])]));
        Assert.Throws<ArgumentException>(() => new BarChart("t", [], [new("x", [])]));
    }
}
