using Microsoft.ML.Data;
using Ml.Cnn.Training;

namespace Ml.Cnn.Reports;

/// <summary>What a <see cref="TrainingReport"/> shows. The confusion matrix and per-class table are optional (classifiers only).</summary>
/// <param name="Title">The report title.</param>
/// <param name="ModelSummary">The model summary, preformatted (e.g. <c>model.Summary()</c>).</param>
/// <param name="Options">The training options as (name, value) pairs, in display order.</param>
/// <param name="History">The training history.</param>
/// <param name="Metrics">The final evaluation metrics as (name, value) pairs; may be empty.</param>
/// <param name="ConfusionLabels">The class labels of the confusion matrix, or null.</param>
/// <param name="ConfusionCounts">ConfusionCounts[truth][predicted], or null; given together with <paramref name="ConfusionLabels"/>.</param>
/// <param name="PerClass">Per-class precision, recall and F1, or null.</param>
public sealed record TrainingReportContent(
    string Title,
    string ModelSummary,
    IReadOnlyList<KeyValuePair<string, string>> Options,
    TrainingHistory History,
    IReadOnlyList<KeyValuePair<string, double>> Metrics,
    IReadOnlyList<string>? ConfusionLabels = null,
    IReadOnlyList<IReadOnlyList<long>>? ConfusionCounts = null,
    IReadOnlyList<PerClassRow>? PerClass = null)
{
    /// <summary>When the report was made, shown under the title. Default: the time this object was created.</summary>
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.Now;

    /// <summary>
    /// The content for a multiclass classifier from ML.NET's evaluation: metrics MicroAccuracy, MacroAccuracy, LogLoss,
    /// LogLossReduction and, when the evaluation asked for it, TopKAccuracy (k in the name), the confusion matrix, and per-class precision, recall and F1.
    /// </summary>
    /// <param name="title">The report title.</param>
    /// <param name="modelSummary">The model summary, preformatted.</param>
    /// <param name="options">The training options as (name, value) pairs.</param>
    /// <param name="history">The training history.</param>
    /// <param name="metrics">ML.NET's evaluation on the test data (<c>mlContext.MulticlassClassification.Evaluate</c>).</param>
    /// <param name="labels">The class labels in key order (the Score column's slot names).</param>
    public static TrainingReportContent FromMulticlass(string title, string modelSummary,
        IReadOnlyList<KeyValuePair<string, string>> options, TrainingHistory history, MulticlassClassificationMetrics metrics, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var confusion = ConfusionTable.FromMlNet(metrics.ConfusionMatrix, labels);
        List<KeyValuePair<string, double>> values =
        [
            new("MicroAccuracy", metrics.MicroAccuracy),
            new("MacroAccuracy", metrics.MacroAccuracy),
            new("LogLoss", metrics.LogLoss),
            new("LogLossReduction", metrics.LogLossReduction),
        ];
        if (metrics.TopKPredictionCount > 0) values.Add(new($"TopKAccuracy (k={metrics.TopKPredictionCount})", metrics.TopKAccuracy));
        return new TrainingReportContent(title, modelSummary, options, history, values, confusion.Labels, confusion.Counts, confusion.PerClassRows());
    }
}
