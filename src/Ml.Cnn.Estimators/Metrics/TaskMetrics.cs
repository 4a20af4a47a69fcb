using Ml.Cnn.Legacy;
using Ml.Cnn.Training;

namespace Ml.Cnn.Metrics;

/// <summary>The evaluator of each task behind one call: the scalar metrics of scored data under their ML.NET names.</summary>
public static class TaskMetrics
{
    /// <summary>Evaluates scored data (a model's Transform output) with the task's evaluator.</summary>
    /// <param name="task">The task.</param>
    /// <param name="scored">Scored data with the label column <c>Label</c>.</param>
    /// <returns>Metric name → value, in the evaluator's order.</returns>
    public static IReadOnlyDictionary<string, double> Evaluate(CnnTask task, DataView scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        return task switch
        {
            CnnTask.Multiclass => Multiclass(MulticlassEvaluator.Evaluate(scored)),
            CnnTask.Binary => Binary(BinaryClassificationEvaluator.Evaluate(scored)),
            CnnTask.Multilabel => Multilabel(MultilabelEvaluator.Evaluate(scored)),
            CnnTask.Regression => Regression(RegressionEvaluator.Evaluate(scored)),
            _ => EmbeddingEvaluator.Evaluate(scored).RecallAtK.ToDictionary(kv => $"RecallAt{kv.Key}", kv => kv.Value),
        };
    }

    /// <summary>The names <see cref="Evaluate"/> returns for a task (embeddings: RecallAt1 and RecallAt5).</summary>
    /// <param name="task">The task.</param>
    public static IReadOnlyList<string> Names(CnnTask task) => task switch
    {
        CnnTask.Multiclass => ["MicroAccuracy", "MacroAccuracy", "LogLoss", "LogLossReduction", "TopKAccuracy"],
        CnnTask.Binary =>
        [
            "Accuracy", "AreaUnderRocCurve", "AreaUnderPrecisionRecallCurve", "F1Score", "LogLoss", "LogLossReduction", "PositivePrecision",
            "PositiveRecall", "NegativePrecision", "NegativeRecall",
        ],
        CnnTask.Multilabel => ["SubsetAccuracy", "HammingLoss", "MacroF1", "MicroF1"],
        CnnTask.Regression => ["MeanAbsoluteError", "MeanSquaredError", "RootMeanSquaredError", "RSquared"],
        _ => ["RecallAt1", "RecallAt5"],
    };

    private static Dictionary<string, double> Multiclass(MulticlassClassificationMetrics m) => new()
    {
        ["MicroAccuracy"] = m.MicroAccuracy,
        ["MacroAccuracy"] = m.MacroAccuracy,
        ["LogLoss"] = m.LogLoss,
        ["LogLossReduction"] = m.LogLossReduction,
        ["TopKAccuracy"] = m.TopKAccuracy,
    };

    private static Dictionary<string, double> Binary(BinaryClassificationMetrics m) => new()
    {
        ["Accuracy"] = m.Accuracy,
        ["AreaUnderRocCurve"] = m.AreaUnderRocCurve,
        ["AreaUnderPrecisionRecallCurve"] = m.AreaUnderPrecisionRecallCurve,
        ["F1Score"] = m.F1Score,
        ["LogLoss"] = m.LogLoss,
        ["LogLossReduction"] = m.LogLossReduction,
        ["PositivePrecision"] = m.PositivePrecision,
        ["PositiveRecall"] = m.PositiveRecall,
        ["NegativePrecision"] = m.NegativePrecision,
        ["NegativeRecall"] = m.NegativeRecall,
    };

    private static Dictionary<string, double> Multilabel(MultilabelClassificationMetrics m) => new()
    {
        ["SubsetAccuracy"] = m.SubsetAccuracy,
        ["HammingLoss"] = m.HammingLoss,
        ["MacroF1"] = m.MacroF1,
        ["MicroF1"] = m.MicroF1,
    };

    private static Dictionary<string, double> Regression(RegressionMetrics m) => new()
    {
        ["MeanAbsoluteError"] = m.MeanAbsoluteError,
        ["MeanSquaredError"] = m.MeanSquaredError,
        ["RootMeanSquaredError"] = m.RootMeanSquaredError,
        ["RSquared"] = m.RSquared,
    };
}
