using System.Globalization;
using Ml.Cnn.Reports;

namespace Ml.Cnn.Notebook;

/// <summary>
/// Grouped bars: one group per category, one bar per series (e.g. per-class recall of three trainings side by side),
/// as a self-contained SVG with a legend and a value axis from 0. In a notebook with the Ml.Cnn.Interactive extension
/// it displays as the chart.
/// </summary>
public sealed class BarChart
{
    private const int Height = 320;
    private const double Left = 52, Right = 14, Top = 46, Bottom = 64;
    private static readonly string[] Palette = ["#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2"];

    /// <summary>Creates a chart.</summary>
    /// <param name="title">The title.</param>
    /// <param name="categories">The groups, left to right.</param>
    /// <param name="series">Each series' name and its value per category, in legend order.</param>
    /// <exception cref="ArgumentException">There are no categories or series, a series has another count of values, or a value is negative or not finite.</exception>
    public BarChart(string title, IReadOnlyList<string> categories, IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>> series)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (categories.Count == 0 || series.Count == 0) throw new ArgumentException("A bar chart needs at least one category and one series.");
        foreach (var s in series)
        {
            if (s.Value.Count != categories.Count)
                throw new ArgumentException($"Series '{s.Key}' has {s.Value.Count} values for {categories.Count} categories.", nameof(series));
            if (s.Value.Any(v => !double.IsFinite(v) || v < 0))
                throw new ArgumentException($"Series '{s.Key}' has a negative or non-finite value; bars start at 0.", nameof(series));
        }
        Title = title;
        Categories = categories;
        Series = series;
    }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The groups, left to right.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Each series' name and values.</summary>
    public IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>> Series { get; }

    /// <summary>The chart as notebook HTML: the SVG in the scoped <c>div</c> with its style.</summary>
    public string ToHtml() => NotebookHtml.Close(NotebookHtml.Open().Append(ToSvg()));

    /// <summary>The chart as SVG: one <c>rect class="column"</c> per value with a tooltip, category names under the groups.</summary>
    public string ToSvg()
    {
        var width = (int)Math.Max(480, Left + Right + Categories.Count * (Series.Count * 14 + 18));
        var sb = SvgChart.Open(width, Height, "bars", Title);
        double plotRight = width - Right, plotBottom = Height - Bottom;
        var y = AxisScale.Covering(0, Math.Max(1e-9, Series.SelectMany(s => s.Value).Max()));
        double Y(double v) => y.Map(v, plotBottom, Top);
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"14\" font-weight=\"600\" fill=\"#111827\">{Markup.Escape(Title)}</text>");
        var at = Left;
        for (var s = 0; s < Series.Count; s++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Markup.Coordinate(at)}\" y=\"27\" width=\"12\" height=\"12\" fill=\"{Palette[s % Palette.Length]}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Coordinate(at + 16)}\" y=\"33\" dy=\"0.32em\" font-size=\"12\" fill=\"#374151\">{Markup.Escape(Series[s].Key)}</text>");
            at += 34 + Series[s].Key.Length * 7;
        }
        foreach (var tick in y.Ticks)
        {
            var ty = Markup.Coordinate(Y(tick));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{ty}\" x2=\"{Markup.Coordinate(plotRight)}\" y2=\"{ty}\" stroke=\"#e5e7eb\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{ty}\" dy=\"0.32em\" text-anchor=\"end\" font-size=\"11\" fill=\"#6b7280\">{Markup.Number(tick, "F" + y.Decimals)}</text>");
        }
        var group = (plotRight - Left) / Categories.Count;
        var bar = Math.Min(24, (group - 10) / Series.Count);
        for (var c = 0; c < Categories.Count; c++)
        {
            var start = Left + c * group + (group - bar * Series.Count) / 2;
            for (var s = 0; s < Series.Count; s++)
            {
                var value = Series[s].Value[c];
                sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"column\" x=\"{Markup.Coordinate(start + s * bar)}\" y=\"{Markup.Coordinate(Y(value))}\" ")
                    .Append(CultureInfo.InvariantCulture, $"width=\"{Markup.Coordinate(bar - 1)}\" height=\"{Markup.Coordinate(plotBottom - Y(value))}\" fill=\"{Palette[s % Palette.Length]}\">")
                    .Append(CultureInfo.InvariantCulture, $"<title>{Markup.Escape(Categories[c])}, {Markup.Escape(Series[s].Key)}: {Markup.Number(value, "G4")}</title></rect>");
            }
            var cx = Markup.Coordinate(Left + (c + 0.5) * group);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{cx}\" y=\"{Markup.Coordinate(plotBottom + 14)}\" text-anchor=\"end\" font-size=\"11\" fill=\"#374151\" ")
                .Append(CultureInfo.InvariantCulture, $"transform=\"rotate(-30 {cx} {Markup.Coordinate(plotBottom + 14)})\">{Markup.Escape(Markup.Shorten(Categories[c], 16))}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M{Left},{Top}V{Markup.Coordinate(plotBottom)}H{Markup.Coordinate(plotRight)}\" fill=\"none\" stroke=\"#9ca3af\"/>");
        return sb.Append("</svg>").ToString();
    }
}
