using System.Globalization;
using System.Text;
using Ml.Cnn.Sweeps;

namespace Ml.Cnn.Reports;

/// <summary>
/// A study as one self-contained HTML page (no scripts, no external files): the summary and best trial with its options
/// and test metrics, the metric of every trial (SVG: complete trials filled, pruned hollow, the best marked), every trial's
/// metric by epoch (SVG: one line per trial, the best drawn on top), and the table of trials.
/// </summary>
public static class SweepReport
{
    private const int Width = 960, Height = 340;
    private const double Left = 56, Right = 16, Top = 30, Bottom = 40;
    private const string BestColor = "#ea580c", TrialColor = "#2563eb", PrunedColor = "#9ca3af";

    /// <summary>The report's HTML.</summary>
    /// <param name="result">The study's trials.</param>
    /// <param name="test">The best trial's test metrics (evaluator names and values), or null.</param>
    public static string Html(SweepResult result, IReadOnlyList<KeyValuePair<string, double>>? test = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        var title = $"Sweep {result.Study}";
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<title>").Append(Markup.Escape(title)).Append("</title>\n")
            .Append("<style>\n").Append(ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n<main>\n");
        WriteBody(sb, result, test, 1);
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>The report's content without the page around it (a notebook cell shows it too): title, summary, best trial, charts, table.</summary>
    /// <param name="sb">Where to write.</param>
    /// <param name="result">The study's trials.</param>
    /// <param name="test">The best trial's test metrics, or null.</param>
    /// <param name="level">The title's heading level; sections take the next one.</param>
    internal static void WriteBody(StringBuilder sb, SweepResult result, IReadOnlyList<KeyValuePair<string, double>>? test, int level)
    {
        var (h, h2, h3) = ($"h{level}", $"h{level + 1}", $"h{level + 2}");
        sb.Append(CultureInfo.InvariantCulture, $"<{h}>Sweep {Markup.Escape(result.Study)}</{h}>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\">{result.Finished} finished trials ({result.Complete} complete, {result.Pruned} pruned), ")
            .Append(CultureInfo.InvariantCulture, $"{result.Failed} failed; compared on validation {Markup.Escape(result.Metric)} ({(result.Maximize ? "larger" : "smaller")} is better).</p>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<section class=\"best\"><{h2}>Best trial</{h2}>\n");
        if (result.Best is { } best)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<p>Trial {best.Number}: {Markup.Escape(result.Metric)} {Markup.Number(best.Value, "F4")} after {best.Epochs} epochs.</p>\n");
            Table(sb, "pairs best-options", ["Option", "Value"], best.Parameters.Select(p => new[] { Markup.Escape(p.Key), Markup.Escape(ParameterValues.Format(p.Value)) }));
            if (test is { Count: > 0 })
            {
                sb.Append(CultureInfo.InvariantCulture, $"<{h3}>Test metrics of the best trial</{h3}>\n");
                Table(sb, "pairs test-metrics", ["Metric", "Value"], test.Select(m => new[] { Markup.Escape(m.Key), Markup.Number(m.Value, "F4") }));
            }
        }
        else sb.Append("<p class=\"empty\">No trial completed.</p>\n");
        sb.Append(CultureInfo.InvariantCulture, $"</section>\n<section class=\"charts\"><{h2}>Trials</{h2}>\n<figure>").Append(TrialChart(result)).Append("</figure>\n");
        sb.Append("<figure>").Append(EpochChart(result)).Append("</figure>\n</section>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<section class=\"trials\"><{h2}>All trials</{h2}>\n");
        Table(sb, "trials", ["Trial", "State", result.Metric, "Epochs", "Seconds", "Parameters", "Worker", "Note"], result.Trials.Select(t => new[]
        {
            t.Number.ToString(CultureInfo.InvariantCulture), t.State.ToString(), Markup.Number(t.Value, "F4"), t.Epochs.ToString(CultureInfo.InvariantCulture),
            Markup.Number(t.Seconds, "F1"), Markup.Escape(t.Parameters.ToString()), Markup.Escape(t.Worker), Markup.Escape(t.Message),
        }));
        sb.Append("</section>\n");
    }

    /// <summary>The final metric of every finished trial by trial number: complete trials filled, pruned hollow, the best in orange.</summary>
    public static string TrialChart(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var trials = result.Trials.Where(t => t.IsFinished && t.Value is { } v && double.IsFinite(v)).ToList();
        var sb = Open("sweep-trials", $"{result.Metric} per trial");
        if (trials.Count == 0) return Empty(sb);
        var y = AxisScale.Covering(trials.Min(t => t.Value!.Value), trials.Max(t => t.Value!.Value));
        var last = Math.Max(1, result.Trials.Max(t => t.Number));
        double X(double n) => Left + n / last * (Width - Left - Right);
        Axes(sb, y, "trial", Enumerable.Range(0, last + 1).Where(n => n % Math.Max(1, (last + 1) / 10) == 0).ToArray(), X);
        foreach (var t in trials)
        {
            var color = t == result.Best ? BestColor : t.State == TrialState.Pruned ? PrunedColor : TrialColor;
            var fill = t.State == TrialState.Pruned ? "#ffffff" : color;
            sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"trial trial-{t.State.ToString().ToLowerInvariant()}\" cx=\"{Markup.Coordinate(X(t.Number))}\" ")
                .Append(CultureInfo.InvariantCulture, $"cy=\"{Markup.Coordinate(y.Map(t.Value!.Value, Height - Bottom, Top))}\" r=\"5\" fill=\"{fill}\" stroke=\"{color}\" stroke-width=\"2\">")
                .Append(CultureInfo.InvariantCulture, $"<title>trial {t.Number} ({t.State.ToString().ToLowerInvariant()}, {t.Epochs} epochs): {Markup.Number(t.Value, "F4")} {Markup.Escape(t.Parameters.ToString())}</title></circle>");
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>Every trial's metric by epoch: one polyline per trial (pruned ones end early), the best trial's on top in orange.</summary>
    public static string EpochChart(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var trials = result.Trials.Where(t => t.State != TrialState.Failed && t.EpochValues.Count > 0 && t.EpochValues.All(double.IsFinite)).ToList();
        var sb = Open("sweep-epochs", $"{result.Metric} by epoch");
        if (trials.Count == 0) return Empty(sb);
        var values = trials.SelectMany(t => t.EpochValues).ToArray();
        var y = AxisScale.Covering(values.Min(), values.Max());
        var epochs = Math.Max(2, trials.Max(t => t.Epochs));
        double X(double e) => Left + (e - 1) / (epochs - 1) * (Width - Left - Right);
        Axes(sb, y, "epoch", AxisScale.EpochTicks(epochs), X);
        foreach (var t in trials.OrderBy(t => t == result.Best))
        {
            var color = t == result.Best ? BestColor : t.State == TrialState.Pruned ? PrunedColor : TrialColor;
            var points = string.Join(' ', t.EpochValues.Select((v, i) => $"{Markup.Coordinate(X(i + 1))},{Markup.Coordinate(y.Map(v, Height - Bottom, Top))}"));
            sb.Append(CultureInfo.InvariantCulture, $"<polyline class=\"trial-curve{(t == result.Best ? " best" : "")}\" points=\"{points}\" fill=\"none\" stroke=\"{color}\" ")
                .Append(CultureInfo.InvariantCulture, $"stroke-width=\"{(t == result.Best ? 3 : 1.5)}\" opacity=\"{(t == result.Best ? "1" : "0.6")}\"><title>trial {t.Number}</title></polyline>");
        }
        return sb.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string kind, string title) => SvgChart.Open(Width, Height, kind, title)
        .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"18\" font-size=\"14\" font-weight=\"600\" fill=\"#111827\">{Markup.Escape(title)}</text>");

    private static string Empty(StringBuilder sb) =>
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#6b7280\">no finished trials</text></svg>").ToString();

    private static void Axes(StringBuilder sb, AxisScale y, string xLabel, IReadOnlyList<int> xTicks, Func<double, double> x)
    {
        foreach (var tick in y.Ticks)
        {
            var ty = Markup.Coordinate(y.Map(tick, Height - Bottom, Top));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{ty}\" x2=\"{Width - Right}\" y2=\"{ty}\" stroke=\"#e5e7eb\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{ty}\" dy=\"0.32em\" text-anchor=\"end\" font-size=\"11\" fill=\"#6b7280\">{Markup.Number(tick, "F" + y.Decimals)}</text>");
        }
        foreach (var tick in xTicks)
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Markup.Coordinate(x(tick))}\" y=\"{Height - Bottom + 17}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#6b7280\">{tick}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M{Left},{Top}V{Height - Bottom}H{Width - Right}\" fill=\"none\" stroke=\"#9ca3af\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#374151\">{xLabel}</text>");
    }

    private static void Table(StringBuilder sb, string cssClass, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        sb.Append("<table class=\"").Append(cssClass).Append("\"><thead><tr>");
        foreach (var h in headers) sb.Append("<th>").Append(Markup.Escape(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row) sb.Append("<td>").Append(cell).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table>\n");
    }
}
