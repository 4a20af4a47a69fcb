using Ml.Cnn.Training;

namespace Ml.Cnn.Metrics;

/// <summary>The scalar metrics each task reports (validation metrics, early-stopping monitors), under their ML.NET names.</summary>
public static class TaskMetrics
{
    /// <summary>The metric names of a task, as its evaluator names them (embeddings: RecallAt1 and RecallAt5).</summary>
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
}
