using System.Globalization;
using System.Text;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Reports;
using Ml.Cnn.Sweeps;
using Ml.Cnn.Training;

namespace Ml.Cnn.Notebook;

/// <summary>
/// The HTML a notebook shows for MlCnn's objects and ML.NET's metrics: one <c>div class="mlcnn"</c> with its own scoped
/// style, inline SVG charts and PNG images as data URIs, no scripts. The Ml.Cnn.Interactive extension registers these as
/// the objects' .NET Interactive formatters; they are plain strings, so any other host can show them too.
/// </summary>
public static class NotebookHtml
{
    /// <summary>A training history: summary cards, the loss and accuracy curves (SVG) and the per-epoch table.</summary>
    /// <param name="history">The history (<c>transformer.History</c>).</param>
    public static string History(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var sb = Open();
        sb.Append("<div class=\"cards\">");
        TrainingReport.Card(sb, "Epochs", history.Epochs.Count.ToString(CultureInfo.InvariantCulture));
        TrainingReport.Card(sb, "Stopped", history.StopReason.ToString());
        TrainingReport.Card(sb, "Training time", Markup.Number(history.TrainSeconds, "F1") + " s");
        TrainingReport.Card(sb, "Images / s", Markup.Number(history.ImagesPerSecond, "N0"));
        if (history.Epochs.Count > 0) TrainingReport.Card(sb, "Final train loss", Markup.Number(history.Epochs[^1].TrainLoss, "F4"));
        if (history.Epochs.LastOrDefault(e => e.ValidationAccuracy is not null)?.ValidationAccuracy is { } accuracy)
            TrainingReport.Card(sb, "Final val. accuracy", Markup.Number(accuracy, "F4"));
        sb.Append("</div>\n").Append(SvgChart.Curves(history, 880, 300)).Append('\n');
        TrainingReport.WriteHistory(sb, history.Epochs);
        return Close(sb);
    }

    /// <summary>The Keras-like model summary (<c>transformer.Summary()</c>) as a table: layer, output shape, parameters, totals.</summary>
    /// <param name="summary">The summary text.</param>
    public static string Summary(string summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var sb = Open();
        if (SummaryTable.Parse(summary) is not { } table)
            return Close(sb.Append("<pre>").Append(Markup.Escape(summary)).Append("</pre>"));
        sb.Append("<h4>").Append(Markup.Escape(table.Title)).Append("</h4>\n");
        TrainingReport.Table(sb, "summary", [("Layer (type)", ""), ("Output shape", ""), ("Param #", "num")],
            table.Layers.Select(r => r.Select(Markup.Escape).ToArray()));
        TrainingReport.Table(sb, "totals", [("", ""), ("", "num")], table.Totals.Select(t => new[] { Markup.Escape(t.Key), Markup.Escape(t.Value) }));
        return Close(sb);
    }

    /// <summary>
    /// ML.NET's multiclass metrics: the scalar metrics (top-k accuracy when the evaluation asked for it), the confusion
    /// matrix as a heat map, and per-class precision, recall and F1 with bars.
    /// </summary>
    /// <param name="metrics">ML.NET's evaluation (<c>mlContext.MulticlassClassification.Evaluate</c>).</param>
    /// <param name="labels">The class labels in key order; null takes those ML.NET's confusion matrix names.</param>
    /// <exception cref="ArgumentException"><paramref name="labels"/> has another count than the matrix has classes.</exception>
    public static string Multiclass(MulticlassClassificationMetrics metrics, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var confusion = ConfusionTable.FromMlNet(metrics.ConfusionMatrix, labels ?? ConfusionLabels.Of(metrics.ConfusionMatrix));
        var sb = Open();
        List<(string, double)> values =
        [
            ("MicroAccuracy", metrics.MicroAccuracy), ("MacroAccuracy", metrics.MacroAccuracy), ("LogLoss", metrics.LogLoss),
            ("LogLossReduction", metrics.LogLossReduction),
        ];
        if (metrics.TopKPredictionCount > 0) values.Add(($"TopKAccuracy (k={metrics.TopKPredictionCount})", metrics.TopKAccuracy));
        Scalars(sb, values);
        sb.Append("<h4>Confusion matrix</h4>\n").Append(SvgChart.ConfusionHeatMap(confusion.Labels, confusion.Counts)).Append('\n');
        sb.Append("<h4>Per class</h4>\n");
        TrainingReport.Table(sb, "per-class", [("Class", ""), ("Precision", "num"), ("Recall", "num"), ("F1", "num"), ("", "barcell")],
            confusion.PerClassRows().Select(r => new[]
            {
                Markup.Escape(r.Label), Markup.Number(r.Precision, "F4"), Markup.Number(r.Recall, "F4"), Markup.Number(r.F1, "F4"),
                $"<span class=\"bar\" style=\"width:{Markup.Number(Math.Clamp(r.F1, 0, 1) * 100, "F1")}%\"></span>",
            }));
        return Close(sb);
    }

    /// <summary>ML.NET's binary metrics: the scalar metrics and the 2 × 2 confusion matrix as a heat map.</summary>
    /// <param name="metrics">ML.NET's evaluation (<c>mlContext.BinaryClassification.Evaluate</c>, calibrated or not).</param>
    public static string Binary(BinaryClassificationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var sb = Open();
        List<(string, double)> values =
        [
            ("Accuracy", metrics.Accuracy), ("AreaUnderRocCurve", metrics.AreaUnderRocCurve), ("AreaUnderPrecisionRecallCurve", metrics.AreaUnderPrecisionRecallCurve),
            ("F1Score", metrics.F1Score), ("PositivePrecision", metrics.PositivePrecision), ("PositiveRecall", metrics.PositiveRecall),
            ("NegativePrecision", metrics.NegativePrecision), ("NegativeRecall", metrics.NegativeRecall),
        ];
        if (metrics is CalibratedBinaryClassificationMetrics calibrated)
            values.AddRange([("LogLoss", calibrated.LogLoss), ("LogLossReduction", calibrated.LogLossReduction), ("Entropy", calibrated.Entropy)]);
        Scalars(sb, values);
        var matrix = metrics.ConfusionMatrix;
        var counts = matrix.Counts.Select(row => (IReadOnlyList<long>)row.Select(c => (long)Math.Round(c)).ToArray()).ToArray();
        sb.Append("<h4>Confusion matrix</h4>\n").Append(SvgChart.ConfusionHeatMap(ConfusionLabels.Of(matrix), counts)).Append('\n');
        return Close(sb);
    }

    /// <summary>ML.NET's regression metrics as a table.</summary>
    /// <param name="metrics">ML.NET's evaluation (<c>mlContext.Regression.Evaluate</c>).</param>
    public static string Regression(RegressionMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var sb = Open();
        Scalars(sb, [("MeanAbsoluteError", metrics.MeanAbsoluteError), ("MeanSquaredError", metrics.MeanSquaredError),
            ("RootMeanSquaredError", metrics.RootMeanSquaredError), ("RSquared", metrics.RSquared), ("LossFunction", metrics.LossFunction)]);
        return Close(sb);
    }

    /// <summary>A sweep's result: summary, best trial and its options, the metric per trial and per epoch (SVG), all trials.</summary>
    /// <param name="result">The study (<c>sweep.Run()</c>, <c>CnnSweep.Run</c>).</param>
    public static string Sweep(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = Open();
        SweepReport.WriteBody(sb, result, null, 3);
        return Close(sb);
    }

    /// <summary>
    /// A whole training report (<see cref="TrainingReport"/>) inline: the self-contained page in an <c>iframe</c>, so its
    /// page styles stay inside it.
    /// </summary>
    /// <param name="content">What the report shows.</param>
    public static string Report(TrainingReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return $"<iframe class=\"mlcnn-report\" title=\"{Markup.Escape(content.Title)}\" srcdoc=\"{Markup.Escape(TrainingReport.ToHtml(content))}\" " +
            "style=\"width:100%;height:900px;border:1px solid #e5e7eb;border-radius:8px\"></iframe>";
    }

    /// <summary>A PNG picture (e.g. <c>data.AugmentationPreview()</c>), scaled up with square pixels when it is small, never wider than the output.</summary>
    /// <param name="image">The picture.</param>
    public static string Image(PngImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var scale = Math.Clamp(480 / Math.Max(1, image.Shape.Width), 1, 4);
        var sb = Open();
        sb.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{image.ToDataUri()}\" width=\"{image.Shape.Width * scale}\" ")
            .Append(CultureInfo.InvariantCulture, $"height=\"{image.Shape.Height * scale}\" style=\"max-width:100%;height:auto\" alt=\"{image.Shape.Width} x {image.Shape.Height} image\"/></figure>");
        return Close(sb);
    }

    /// <summary>Starts an output: the scoped style and the outer <c>div</c>.</summary>
    internal static StringBuilder Open() =>
        new StringBuilder("<div class=\"mlcnn\"><style>").Append(NotebookStyle.Css).Append("</style>\n");

    /// <summary>Ends an output started by <see cref="Open"/>.</summary>
    internal static string Close(StringBuilder sb) => sb.Append("</div>").ToString();

    private static void Scalars(StringBuilder sb, IEnumerable<(string Name, double Value)> values) =>
        TrainingReport.Table(sb, "metrics", [("Metric", ""), ("Value", "num")], values.Select(v => new[] { Markup.Escape(v.Name), Markup.Number(v.Value, "F4") }));
}
