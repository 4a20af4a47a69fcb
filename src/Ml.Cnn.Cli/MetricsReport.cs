using System.Text.Json;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary>Writes evaluation results of any task: a readable block, and with --json one JSON object as the last stdout line.</summary>
internal static class MetricsReport
{
    /// <summary>Metrics may be NaN (AUC of one class, R² of constant labels): written as "NaN".</summary>
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Write(TextWriter stdout, TaskEvaluation evaluation, TrainingHistory? history, bool json)
    {
        foreach (var (name, value) in evaluation.Scalars) stdout.WriteLine(FormattableString.Invariant($"{name + ":",-31} {value:F4}"));
        if (history is not null)
            stdout.WriteLine(FormattableString.Invariant($"{"TrainSeconds:",-31} {history.TrainSeconds:F1} ({history.ImagesPerSecond:F0} images/s, {TrainFlags.PrecisionName(history.Precision)})"));
        if (history?.AllReduceSeconds is { } communication)
            stdout.WriteLine(FormattableString.Invariant($"{"AllReduceSeconds:",-31} {communication:F1} ({communication / Math.Max(history.TrainSeconds, 1e-9):P0} of the training steps)"));
        if (evaluation.Confusion is { } confusion) stdout.WriteLine(confusion.Format());
        if (!json) return;
        var record = evaluation.Scalars.Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value))
            .Concat(evaluation.Extras.Select(kv => new KeyValuePair<string, object?>(kv.Key, kv.Value)))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        record["Task"] = TaskData.Name(evaluation.Task);
        if (history is not null)
        {
            record["Epochs"] = history.Epochs.Count;
            record["TrainSeconds"] = history.TrainSeconds;
            record["ImagesPerSecond"] = history.ImagesPerSecond;
            record["InputImagesPerSecond"] = history.InputImagesPerSecond;
            record["Precision"] = TrainFlags.PrecisionName(history.Precision);
            if (history.AllReduceSeconds is { } seconds) record["AllReduceSeconds"] = seconds;
        }
        stdout.WriteLine(JsonSerializer.Serialize(record, Json));
    }
}
