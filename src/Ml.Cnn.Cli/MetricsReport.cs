using System.Text.Json;
using Ml.Cnn.Metrics;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary>Writes evaluation results: a readable block, and with --json one JSON object as the last stdout line.</summary>
internal static class MetricsReport
{
    public static void Write(TextWriter stdout, MulticlassClassificationMetrics m, TrainingHistory? history, bool json)
    {
        stdout.WriteLine(FormattableString.Invariant($"MicroAccuracy:    {m.MicroAccuracy:F4}"));
        stdout.WriteLine(FormattableString.Invariant($"MacroAccuracy:    {m.MacroAccuracy:F4}"));
        stdout.WriteLine(FormattableString.Invariant($"LogLoss:          {m.LogLoss:F4}"));
        stdout.WriteLine(FormattableString.Invariant($"LogLossReduction: {m.LogLossReduction:F4}"));
        stdout.WriteLine(FormattableString.Invariant($"TopKAccuracy:     {m.TopKAccuracy:F4} (k={m.TopKPredictionCount})"));
        if (history is not null)
            stdout.WriteLine(FormattableString.Invariant($"TrainSeconds:     {history.TrainSeconds:F1} ({history.ImagesPerSecond:F0} images/s)"));
        stdout.WriteLine(m.ConfusionMatrix.GetFormattedConfusionTable());
        if (!json) return;
        var record = new Dictionary<string, object?>
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
        };
        if (history is not null)
        {
            record["Epochs"] = history.Epochs.Count;
            record["TrainSeconds"] = history.TrainSeconds;
            record["ImagesPerSecond"] = history.ImagesPerSecond;
        }
        stdout.WriteLine(JsonSerializer.Serialize(record));
    }
}
