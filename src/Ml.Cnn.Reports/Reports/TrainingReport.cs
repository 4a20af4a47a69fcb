using System.Globalization;
using System.Text;
using Ml.Cnn.Training;

namespace Ml.Cnn.Reports;

/// <summary>
/// A training report as one self-contained HTML file that opens offline: inline CSS and inline SVG charts, no scripts,
/// no external fonts, images or links. Sections, in order: final metrics, training curves, confusion matrix and per-class
/// metrics (when given), per-epoch history, model summary and options. Every user string is HTML-escaped.
/// </summary>
public static class TrainingReport
{
    /// <summary>The report as HTML.</summary>
    /// <param name="content">What to show.</param>
    /// <exception cref="ArgumentException">Only one of the confusion labels and counts is given, or their shapes disagree.</exception>
    public static string ToHtml(TrainingReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(content.History, nameof(content.History));
        if ((content.ConfusionLabels is null) != (content.ConfusionCounts is null))
            throw new ArgumentException("Give both the confusion labels and the confusion counts, or neither.", nameof(content));
        var history = content.History;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<title>").Append(Markup.Escape(content.Title)).Append("</title>\n")
            .Append("<style>\n").Append(ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n<main>\n");
        WriteHeader(sb, content);

        Open(sb, "metrics", "Final metrics");
        if (content.Metrics is { Count: > 0 } metrics)
            Table(sb, "pairs", [("Metric", ""), ("Value", "num")],
                metrics.Select(m => new[] { Markup.Escape(m.Key), Markup.Number(m.Value, "F4") }));
        else
            sb.Append("<p class=\"empty\">No evaluation metrics were given.</p>\n");
        Close(sb);

        Open(sb, "curves", "Training curves");
        sb.Append("<figure>").Append(SvgChart.Curves(history, 960, 360))
            .Append("<figcaption>Solid: training (mean over the epoch, as the weights moved); dashed: validation after the epoch.</figcaption></figure>\n");
        Close(sb);

        if (content.ConfusionLabels is { } labels && content.ConfusionCounts is { } counts)
        {
            Open(sb, "confusion", "Confusion matrix");
            sb.Append("<figure class=\"scroll\">").Append(SvgChart.ConfusionHeatMap(labels, counts))
                .Append("<figcaption>Rows: true class; columns: predicted class. Color: the cell's share of its row (recall on the diagonal).</figcaption></figure>\n");
            Close(sb);
        }

        if (content.PerClass is { } perClass)
        {
            Open(sb, "per-class", "Per-class metrics");
            Table(sb, null, [("Class", ""), ("Precision", "num"), ("Recall", "num"), ("F1", "num"), ("", "barcell")], perClass.Select(r => new[]
            {
                Markup.Escape(r.Label), Markup.Number(r.Precision, "F4"), Markup.Number(r.Recall, "F4"), Markup.Number(r.F1, "F4"),
                $"<span class=\"bar\" style=\"width:{Markup.Number(double.IsFinite(r.F1) ? Math.Clamp(r.F1, 0, 1) * 100 : 0, "F1")}%\"></span>",
            }));
            Close(sb);
        }

        Open(sb, "history", "Per-epoch history");
        WriteHistory(sb, history.Epochs);
        Close(sb);

        Open(sb, "model", "Model");
        sb.Append(string.IsNullOrWhiteSpace(content.ModelSummary)
            ? "<p class=\"empty\">No model summary was given.</p>\n"
            : $"<pre>{Markup.Escape(content.ModelSummary)}</pre>\n");
        Close(sb);

        Open(sb, "options", "Options");
        if (content.Options is { Count: > 0 } options)
            Table(sb, "pairs", [("Option", ""), ("Value", "")],
                options.Select(o => new[] { Markup.Escape(o.Key), $"<span class=\"mono\">{Markup.Escape(o.Value)}</span>" }));
        else
            sb.Append("<p class=\"empty\">No options were given.</p>\n");
        Close(sb);

        return sb.Append("<footer>Made with MlCnn</footer>\n</main>\n</body>\n</html>\n").ToString();
    }

    /// <summary>Saves <see cref="ToHtml"/> to <paramref name="path"/> atomically (temporary file in the same folder, flushed, renamed).</summary>
    /// <param name="content">What to show.</param>
    /// <param name="path">The destination, e.g. <c>report.html</c>; an existing file is replaced.</param>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void Save(TrainingReportContent content, string path) =>
        AtomicFile.WriteAllText(path, ToHtml(content), "training report");

    private static void WriteHeader(StringBuilder sb, TrainingReportContent content)
    {
        var history = content.History;
        var created = content.CreatedAt.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
        sb.Append("<header>\n<h1>").Append(Markup.Escape(content.Title)).Append("</h1>\n")
            .Append($"<p class=\"meta\">Generated <time datetime=\"{content.CreatedAt.ToString("o", CultureInfo.InvariantCulture)}\">{created}</time></p>\n")
            .Append("<div class=\"cards\">");
        Card(sb, "Epochs", history.Epochs.Count.ToString(CultureInfo.InvariantCulture));
        Card(sb, "Training time", Duration(history.TrainSeconds));
        Card(sb, "Images / s", Markup.Number(history.ImagesPerSecond, "N0"));
        if (history.Epochs.Count > 0) Card(sb, "Final train loss", Markup.Number(history.Epochs[^1].TrainLoss, "F4"));
        if (history.Epochs.LastOrDefault(e => e.ValidationAccuracy is not null)?.ValidationAccuracy is { } accuracy)
            Card(sb, "Final val. accuracy", Markup.Number(accuracy, "F4"));
        sb.Append("</div>\n</header>\n");
    }

    /// <summary>The per-epoch table (only the columns some epoch has), or a note that no epoch was trained.</summary>
    internal static void WriteHistory(StringBuilder sb, IReadOnlyList<EpochMetrics> epochs)
    {
        if (epochs.Count == 0)
        {
            sb.Append("<p class=\"empty\">No epochs were trained.</p>\n");
            return;
        }
        (string Header, Func<EpochMetrics, double?> Value, string Format)[] columns =
        [
            ("Train loss", e => e.TrainLoss, "F4"), ("Train acc.", e => e.TrainAccuracy, "F4"),
            ("Val. loss", e => e.ValidationLoss, "F4"), ("Val. acc.", e => e.ValidationAccuracy, "F4"),
            ("Learning rate", e => e.LearningRate, "G4"), ("Seconds", e => e.Seconds, "F1"), ("Images / s", e => e.ImagesPerSecond, "N0"),
        ];
        var shown = columns.Where(c => epochs.Any(e => c.Value(e) is not null)).ToArray();
        Table(sb, null, [("Epoch", "num"), .. shown.Select(c => (c.Header, "num"))], epochs.Select(e =>
            new[] { e.Epoch.ToString(CultureInfo.InvariantCulture) }
                .Concat(shown.Select(c => Markup.Number(c.Value(e), c.Format, "<span class=\"na\">\u2014</span>"))).ToArray()));
    }

    /// <summary>A table: headers with their cell classes, then rows of cells already escaped.</summary>
    internal static void Table(StringBuilder sb, string? tableClass, (string Header, string Class)[] columns, IEnumerable<string[]> rows)
    {
        string Class(int column) => columns[column].Class.Length > 0 ? $" class=\"{columns[column].Class}\"" : string.Empty;
        sb.Append("<div class=\"scroll\"><table").Append(tableClass is null ? string.Empty : $" class=\"{tableClass}\"").Append(">\n<thead><tr>");
        for (var c = 0; c < columns.Length; c++) sb.Append($"<th{Class(c)}>{Markup.Escape(columns[c].Header)}</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (var c = 0; c < row.Length; c++) sb.Append($"<td{Class(c)}>{row[c]}</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table></div>\n");
    }

    /// <summary>A summary card: a small label over a value.</summary>
    internal static void Card(StringBuilder sb, string key, string value) =>
        sb.Append($"<div class=\"card\"><div class=\"k\">{Markup.Escape(key)}</div><div class=\"v\">{Markup.Escape(value)}</div></div>");

    private static void Open(StringBuilder sb, string id, string title) =>
        sb.Append($"<section id=\"{id}\">\n<h2>{Markup.Escape(title)}</h2>\n");

    private static void Close(StringBuilder sb) => sb.Append("</section>\n");

    private static string Duration(double seconds) => seconds switch
    {
        < 60 => Markup.Number(seconds, "F1") + " s",
        < 3600 => FormattableString.Invariant($"{(int)(seconds / 60)} min {(int)(seconds % 60):00} s"),
        _ => FormattableString.Invariant($"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60):00} min"),
    };
}
