using System.Globalization;
using System.Text;
using Ml.Cnn.Training;

namespace Ml.Cnn.Reports;

/// <summary>
/// Self-contained SVG charts for training reports: no scripts, no external references, styles as presentation attributes
/// (so the SVG can be inlined in HTML without styling the page). Every text is XML-escaped.
/// </summary>
public static class SvgChart
{
    private const string Namespace = "http://www.w3.org/2000/svg";
    private const string Font = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\"";

    /// <summary>
    /// Training curves: a loss panel (train and validation) and, when the history has accuracies, an accuracy panel beside it.
    /// Epochs run along x; each series is a <c>polyline</c> with class <c>series-train-loss</c>, <c>series-validation-loss</c>,
    /// <c>series-train-accuracy</c> or <c>series-validation-accuracy</c>, with a marker per epoch up to 40 epochs (so a single
    /// epoch shows as a point). A series without values (no validation data) is left out; NaN and infinite values are skipped.
    /// </summary>
    /// <param name="history">The history.</param>
    /// <param name="width">The SVG width in pixels, at least 240.</param>
    /// <param name="height">The SVG height in pixels, at least 160.</param>
    public static string Curves(TrainingHistory history, int width = 640, int height = 320)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 240);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 160);
        var loss = CurveSeries.Of(history, "loss", e => e.TrainLoss, e => e.ValidationLoss);
        var accuracy = CurveSeries.Of(history, "accuracy", e => e.TrainAccuracy, e => e.ValidationAccuracy);
        var sb = Open(width, height, "curves", "Training curves");
        if (history.Epochs.Count == 0)
        {
            sb.Append($"<text x=\"{width / 2}\" y=\"{height / 2}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#6b7280\">no epochs</text>");
            return sb.Append("</svg>").ToString();
        }
        var epochs = history.Epochs.Max(e => e.Epoch);
        var panelWidth = accuracy.Count > 0 ? width / 2.0 : width;
        CurvePanel.Write(sb, "loss", "Loss", loss, epochs, 0, panelWidth, height);
        if (accuracy.Count > 0) CurvePanel.Write(sb, "accuracy", "Accuracy", accuracy, epochs, panelWidth, panelWidth, height);
        return sb.Append("</svg>").ToString();
    }

    /// <summary>
    /// A confusion-matrix heat map: true classes in rows, predicted classes in columns, one <c>rect</c> of class <c>cell</c>
    /// per pair with its count written in it (class <c>count</c>). A cell's color deepens with its share of its row (the
    /// row's recall on the diagonal), so rare classes read as clearly as common ones; a tooltip gives count and share.
    /// </summary>
    /// <param name="labels">The class labels, in order.</param>
    /// <param name="counts">counts[truth][predicted], a square matrix with one row per label.</param>
    /// <exception cref="ArgumentException">The matrix is not labels.Count by labels.Count, or a count is negative.</exception>
    public static string ConfusionHeatMap(IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<long>> counts)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(counts);
        var n = labels.Count;
        if (n == 0) throw new ArgumentException("The confusion matrix needs at least one label.", nameof(labels));
        if (counts.Count != n || counts.Any(row => row is null || row.Count != n))
            throw new ArgumentException($"The confusion counts must be {n} rows of {n} (one per label).", nameof(counts));
        if (counts.Any(row => row.Any(c => c < 0))) throw new ArgumentException("Confusion counts cannot be negative.", nameof(counts));

        var shown = labels.Select(l => Markup.Shorten(l ?? string.Empty, 24)).ToArray();
        var labelWidth = Math.Min(160, 12 + shown.Max(l => l.Length) * 6.4);
        var cell = Math.Clamp(480.0 / n, 20, 56);
        var digits = counts.SelectMany(r => r).Max().ToString(CultureInfo.InvariantCulture).Length;
        var fontSize = Math.Clamp(Math.Min(cell * 0.3, cell * 1.6 / digits), 6, 13);
        double left = 24 + labelWidth, top = 12, grid = cell * n;
        var width = (int)Math.Ceiling(left + grid + 16);
        var height = (int)Math.Ceiling(top + grid + labelWidth * 0.62 + 34);

        var sb = Open(width, height, "confusion", "Confusion matrix");
        sb.Append($"<text class=\"axis-title\" x=\"{Markup.Coordinate(left + grid / 2)}\" y=\"{Markup.Coordinate(height - 8)}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" fill=\"#374151\">predicted</text>");
        sb.Append($"<text class=\"axis-title\" transform=\"translate(14,{Markup.Coordinate(top + grid / 2)}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"600\" fill=\"#374151\">true</text>");
        for (var t = 0; t < n; t++)
        {
            var rowTotal = counts[t].Sum();
            for (var p = 0; p < n; p++)
            {
                var share = rowTotal > 0 ? (double)counts[t][p] / rowTotal : 0;
                double cx = left + p * cell, cy = top + t * cell;
                var count = counts[t][p].ToString(CultureInfo.InvariantCulture);
                sb.Append($"<g><title>true {Markup.Escape(labels[t])}, predicted {Markup.Escape(labels[p])}: {count} ({Markup.Number(share * 100, "F1")}% of row)</title>");
                sb.Append($"<rect class=\"cell{(t == p ? " diagonal" : string.Empty)}\" x=\"{Markup.Coordinate(cx)}\" y=\"{Markup.Coordinate(cy)}\" ");
                sb.Append($"width=\"{Markup.Coordinate(cell)}\" height=\"{Markup.Coordinate(cell)}\" fill=\"{Shade(share)}\" stroke=\"#ffffff\"/>");
                sb.Append($"<text class=\"count\" x=\"{Markup.Coordinate(cx + cell / 2)}\" y=\"{Markup.Coordinate(cy + cell / 2)}\" dy=\"0.35em\" text-anchor=\"middle\" ");
                sb.Append($"font-size=\"{Markup.Coordinate(fontSize)}\" fill=\"{(share > 0.4 ? "#ffffff" : "#1f2937")}\">{count}</text></g>");
            }
        }
        for (var k = 0; k < n; k++)
        {
            var middle = Markup.Coordinate(top + k * cell + cell / 2);
            sb.Append($"<text class=\"label label-true\" x=\"{Markup.Coordinate(left - 6)}\" y=\"{middle}\" dy=\"0.32em\" text-anchor=\"end\" font-size=\"11\" fill=\"#374151\">{Markup.Escape(shown[k])}</text>");
            var cx = Markup.Coordinate(left + k * cell + cell / 2);
            var cy = Markup.Coordinate(top + grid + 8);
            sb.Append($"<text class=\"label label-predicted\" x=\"{cx}\" y=\"{cy}\" dy=\"0.35em\" text-anchor=\"end\" transform=\"rotate(-45 {cx} {cy})\" font-size=\"11\" fill=\"#374151\">{Markup.Escape(shown[k])}</text>");
        }
        return sb.Append("</svg>").ToString();
    }

    /// <summary>Saves <see cref="Curves"/> as a standalone .svg file, atomically (temporary file in the same folder, flushed, renamed).</summary>
    /// <param name="history">The history.</param>
    /// <param name="path">The destination; an existing file is replaced.</param>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void SaveCurves(TrainingHistory history, string path) =>
        AtomicFile.WriteAllText(path, Curves(history), "training curves");

    /// <summary>Starts an SVG of the given size with its title and a white background.</summary>
    internal static StringBuilder Open(int width, int height, string kind, string title) => new StringBuilder()
        .Append($"<svg xmlns=\"{Namespace}\" class=\"mlcnn-{kind}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" {Font}>")
        .Append($"<title>{Markup.Escape(title)}</title>")
        .Append($"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>");

    private static string Shade(double share)
    {
        // From near-white (#f8fafc) to deep blue (#1e40af), on a square-root ramp so small confusions stay visible.
        var t = Math.Sqrt(Math.Clamp(share, 0, 1));
        int Mix(int a, int b) => (int)Math.Round(a + (b - a) * t);
        return $"#{Mix(0xf8, 0x1e):x2}{Mix(0xfa, 0x40):x2}{Mix(0xfc, 0xaf):x2}";
    }
}
