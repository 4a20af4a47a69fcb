using System.Text.Json;
using Ml.Cnn.Metrics;
using Ml.Cnn.Model;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary>Writes evaluation results of any task: a readable block, and with --json one JSON object as the last stdout line.</summary>
internal static class MetricsReport
{
    public static void Write(TextWriter stdout, CnnModel model, DataView scored, TrainingHistory? history, bool json)
    {
        var record = model.Task switch
        {
            CnnTask.Multiclass => Multiclass(MulticlassEvaluator.Evaluate(scored)),
            CnnTask.Binary => Binary(BinaryClassificationEvaluator.Evaluate(scored)),
            CnnTask.Multilabel => Multilabel(MultilabelEvaluator.Evaluate(scored)),
            CnnTask.Regression => Regression(RegressionEvaluator.Evaluate(scored)),
            _ => Embedding(EmbeddingEvaluator.Evaluate(scored)),
        };
        foreach (var (name, value) in record)
            if (value is double d) stdout.WriteLine(FormattableString.Invariant($"{name + ":",-31} {d:F4}"));
        if (history is not null)
            stdout.WriteLine(FormattableString.Invariant($"{"TrainSeconds:",-31} {history.TrainSeconds:F1} ({history.ImagesPerSecond:F0} images/s)"));
        if (record.TryGetValue("ConfusionTable", out var table))
        {
            stdout.WriteLine(table);
            record.Remove("ConfusionTable");
        }
        if (!json) return;
        record["Task"] = TaskData.Name(model.Task);
        if (history is not null)
        {
            record["Epochs"] = history.Epochs.Count;
            record["TrainSeconds"] = history.TrainSeconds;
            record["ImagesPerSecond"] = history.ImagesPerSecond;
        }
        stdout.WriteLine(JsonSerializer.Serialize(record));
    }

    private static Dictionary<string, object?> Multiclass(MulticlassClassificationMetrics m) => new()
    {
        ["MicroAccuracy"] = m.MicroAccuracy,
        ["MacroAccuracy"] = m.MacroAccuracy,
        ["LogLoss"] = m.LogLoss,
        ["LogLossReduction"] = m.LogLossReduction,
        ["TopKAccuracy"] = m.TopKAccuracy,
        ["TopKPredictionCount"] = m.TopKPredictionCount,
        ["Labels"] = m.ConfusionMatrix.Labels,
        ["PerClassRecall"] = m.PerClassRecall,
        ["PerClassPrecision"] = m.PerClassPrecision,
        ["PerClassF1"] = m.PerClassF1,
        ["PerClassLogLoss"] = m.PerClassLogLoss,
        ["ConfusionTable"] = m.ConfusionMatrix.GetFormattedConfusionTable(),
    };

    private static Dictionary<string, object?> Binary(BinaryClassificationMetrics m) => new()
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
        ["ConfusionTable"] = m.ConfusionMatrix.GetFormattedConfusionTable(),
    };

    private static Dictionary<string, object?> Multilabel(MultilabelClassificationMetrics m) => new()
    {
        ["SubsetAccuracy"] = m.SubsetAccuracy,
        ["HammingLoss"] = m.HammingLoss,
        ["MacroF1"] = m.MacroF1,
        ["MicroF1"] = m.MicroF1,
        ["Labels"] = m.LabelNames,
        ["PerLabelF1"] = m.PerLabelF1,
        ["PerLabelPrecision"] = m.PerLabelPrecision,
        ["PerLabelRecall"] = m.PerLabelRecall,
    };

    private static Dictionary<string, object?> Regression(RegressionMetrics m) => new()
    {
        ["MeanAbsoluteError"] = m.MeanAbsoluteError,
        ["MeanSquaredError"] = m.MeanSquaredError,
        ["RootMeanSquaredError"] = m.RootMeanSquaredError,
        ["RSquared"] = m.RSquared,
        ["PerOutputRSquared"] = m.PerOutput.Select(o => o.RSquared).ToArray(),
    };

    private static Dictionary<string, object?> Embedding(EmbeddingMetrics m) =>
        m.RecallAtK.ToDictionary(kv => $"RecallAt{kv.Key}", kv => (object?)kv.Value);
}
