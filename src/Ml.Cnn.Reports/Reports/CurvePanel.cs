using System.Text;

namespace Ml.Cnn.Reports;

/// <summary>Draws one chart panel (title, legend, grid, axes with ticks, one polyline per series) into an SVG.</summary>
internal static class CurvePanel
{
    private const double Left = 52, Right = 14, Top = 46, Bottom = 42;
    private const int MarkerLimit = 40;

    /// <summary>Appends a panel as a <c>g</c> element at (<paramref name="x"/>, 0).</summary>
    /// <param name="sb">The SVG being written.</param>
    /// <param name="name">The metric, used in the group's class (panel-loss).</param>
    /// <param name="title">The panel title.</param>
    /// <param name="series">The series to draw (may be empty).</param>
    /// <param name="epochs">The last epoch number (x runs from 1 to it).</param>
    /// <param name="x">The panel's left edge.</param>
    /// <param name="width">The panel's width.</param>
    /// <param name="height">The panel's height.</param>
    public static void Write(StringBuilder sb, string name, string title, IReadOnlyList<CurveSeries> series, int epochs,
        double x, double width, double height)
    {
        double plotLeft = Left, plotRight = width - Right, plotTop = Top, plotBottom = height - Bottom;
        var values = series.SelectMany(s => s.Points).Select(p => p.Value).ToArray();
        var y = values.Length > 0 ? AxisScale.Covering(values.Min(), values.Max()) : AxisScale.Covering(0, 1);
        double X(double epoch) => epochs == 1 ? (plotLeft + plotRight) / 2 : plotLeft + (epoch - 1) / (epochs - 1) * (plotRight - plotLeft);
        double Y(double value) => y.Map(value, plotBottom, plotTop);

        sb.Append($"<g class=\"panel panel-{name}\" transform=\"translate({Markup.Coordinate(x)},0)\">");
        sb.Append($"<text x=\"{Markup.Coordinate(plotLeft)}\" y=\"18\" font-size=\"14\" font-weight=\"600\" fill=\"#111827\">{Markup.Escape(title)}</text>");
        WriteLegend(sb, series, plotLeft);
        sb.Append($"<rect x=\"{Markup.Coordinate(plotLeft)}\" y=\"{Markup.Coordinate(plotTop)}\" width=\"{Markup.Coordinate(plotRight - plotLeft)}\" ");
        sb.Append($"height=\"{Markup.Coordinate(plotBottom - plotTop)}\" fill=\"#fafafa\"/>");
        foreach (var tick in y.Ticks)
        {
            var ty = Markup.Coordinate(Y(tick));
            sb.Append($"<line class=\"grid\" x1=\"{Markup.Coordinate(plotLeft)}\" y1=\"{ty}\" x2=\"{Markup.Coordinate(plotRight)}\" y2=\"{ty}\" stroke=\"#e5e7eb\"/>");
            sb.Append($"<text class=\"tick tick-y\" x=\"{Markup.Coordinate(plotLeft - 6)}\" y=\"{ty}\" dy=\"0.32em\" text-anchor=\"end\" font-size=\"11\" fill=\"#6b7280\">");
            sb.Append(Markup.Number(tick, "F" + y.Decimals)).Append("</text>");
        }
        foreach (var epoch in AxisScale.EpochTicks(epochs))
        {
            var tx = Markup.Coordinate(X(epoch));
            sb.Append($"<line x1=\"{tx}\" y1=\"{Markup.Coordinate(plotBottom)}\" x2=\"{tx}\" y2=\"{Markup.Coordinate(plotBottom + 4)}\" stroke=\"#9ca3af\"/>");
            sb.Append($"<text class=\"tick tick-x\" x=\"{tx}\" y=\"{Markup.Coordinate(plotBottom + 17)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#6b7280\">");
            sb.Append(epoch).Append("</text>");
        }
        sb.Append($"<path d=\"M{Markup.Coordinate(plotLeft)},{Markup.Coordinate(plotTop)}V{Markup.Coordinate(plotBottom)}H{Markup.Coordinate(plotRight)}\" fill=\"none\" stroke=\"#9ca3af\"/>");
        sb.Append($"<text x=\"{Markup.Coordinate((plotLeft + plotRight) / 2)}\" y=\"{Markup.Coordinate(height - 6)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#374151\">epoch</text>");
        if (series.Count == 0)
            sb.Append($"<text x=\"{Markup.Coordinate((plotLeft + plotRight) / 2)}\" y=\"{Markup.Coordinate((plotTop + plotBottom) / 2)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#6b7280\">no finite values</text>");
        foreach (var s in series) WriteSeries(sb, s, X, Y);
        sb.Append("</g>");
    }

    private static void WriteLegend(StringBuilder sb, IReadOnlyList<CurveSeries> series, double left)
    {
        var at = left;
        foreach (var s in series)
        {
            sb.Append($"<g class=\"legend\"><line x1=\"{Markup.Coordinate(at)}\" y1=\"33\" x2=\"{Markup.Coordinate(at + 20)}\" y2=\"33\" stroke=\"{s.Color}\" stroke-width=\"2.5\"{Dash(s)}/>");
            sb.Append($"<text x=\"{Markup.Coordinate(at + 26)}\" y=\"33\" dy=\"0.32em\" font-size=\"12\" fill=\"#374151\">{Markup.Escape(s.Legend)}</text></g>");
            at += 34 + s.Legend.Length * 7;
        }
    }

    private static void WriteSeries(StringBuilder sb, CurveSeries s, Func<double, double> x, Func<double, double> y)
    {
        var points = string.Join(' ', s.Points.Select(p => $"{Markup.Coordinate(x(p.Epoch))},{Markup.Coordinate(y(p.Value))}"));
        sb.Append($"<polyline class=\"series {s.CssClass}\" points=\"{points}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2\" ");
        sb.Append($"stroke-linejoin=\"round\" stroke-linecap=\"round\"{Dash(s)}><title>{Markup.Escape(s.Legend)}</title></polyline>");
        if (s.Points.Count > MarkerLimit) return;
        foreach (var p in s.Points)
        {
            sb.Append($"<circle class=\"marker {s.CssClass}-marker\" cx=\"{Markup.Coordinate(x(p.Epoch))}\" cy=\"{Markup.Coordinate(y(p.Value))}\" r=\"3\" ");
            sb.Append($"fill=\"#ffffff\" stroke=\"{s.Color}\" stroke-width=\"1.5\"><title>epoch {p.Epoch}: {Markup.Number(p.Value, "G5")}</title></circle>");
        }
    }

    private static string Dash(CurveSeries s) => s.Dashed ? " stroke-dasharray=\"6 4\"" : string.Empty;
}
