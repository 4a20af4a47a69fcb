using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Metrics;
using Ml.Cnn.Training;

namespace Ml.Cnn.Trainers;

/// <summary>
/// The task's metrics on scored validation data, from ML.NET's own evaluators (ours for multilabel and embeddings), under
/// the names early stopping monitors.
/// </summary>
internal static class ValidationScores
{
    private static readonly MLContext Evaluators = new(seed: 0);

    /// <summary>The k of the multiclass TopKAccuracy, lowered to the class count below it (ML.NET's evaluator fails there).</summary>
    private const int TopK = 5;

    public static IReadOnlyDictionary<string, double> Evaluate(CnnTask task, IDataView scored, string label)
    {
        try
        {
            return task switch
            {
                CnnTask.Multiclass => Named(task, Evaluators.MulticlassClassification.Evaluate(scored, label, topKPredictionCount: TopKFor(scored.Schema[label]))),
                CnnTask.Binary => Named(task, Evaluators.BinaryClassification.Evaluate(scored, label)),
                CnnTask.Multilabel => Named(task, MultilabelClassificationEvaluator.Evaluate(scored, label, DefaultColumnNames.PredictedLabel)),
                CnnTask.Regression => Named(task, Evaluators.Regression.Evaluate(scored, label)),
                _ => EmbeddingRetrievalEvaluator.Evaluate(scored, label, DefaultColumnNames.Score, null).RecallAtK
                    .ToDictionary(recall => $"RecallAt{recall.Key}", recall => recall.Value),
            };
        }
        catch (ArgumentException)
        {
            return new Dictionary<string, double>();
        }
    }

    private static int TopKFor(DataViewSchema.Column label) =>
        label.Type is KeyDataViewType { Count: > 0 } key ? (int)Math.Min(TopK, key.Count) : TopK;

    /// <summary>The metrics object's properties named in <see cref="TaskMetrics.Names"/>.</summary>
    private static Dictionary<string, double> Named(CnnTask task, object metrics) =>
        TaskMetrics.Names(task).ToDictionary(name => name, name => Convert.ToDouble(metrics.GetType().GetProperty(name)!.GetValue(metrics),
            System.Globalization.CultureInfo.InvariantCulture));
}
