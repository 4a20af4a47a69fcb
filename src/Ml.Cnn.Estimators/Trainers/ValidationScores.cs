using Microsoft.ML;
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

    public static IReadOnlyDictionary<string, double> Evaluate(CnnTask task, IDataView scored, string label)
    {
        try
        {
            return task switch
            {
                CnnTask.Multiclass => Named(task, Evaluators.MulticlassClassification.Evaluate(scored, label, topKPredictionCount: 5)),
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

    /// <summary>The metrics object's properties named in <see cref="TaskMetrics.Names"/>.</summary>
    private static Dictionary<string, double> Named(CnnTask task, object metrics) =>
        TaskMetrics.Names(task).ToDictionary(name => name, name => Convert.ToDouble(metrics.GetType().GetProperty(name)!.GetValue(metrics),
            System.Globalization.CultureInfo.InvariantCulture));
}
