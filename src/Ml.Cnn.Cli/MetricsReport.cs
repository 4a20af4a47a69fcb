using Ml.Cnn.Legacy;
using System.Text.Json;
using Ml.Cnn.Metrics;
using Ml.Cnn.Model;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary>Writes evaluation results of any task: a readable block, and with --json one JSON object as the last stdout line.</summary>
internal static class MetricsReport
{
    /// <summary>Metrics may be NaN (AUC of one class, R² of constant labels): written as "NaN".</summary>
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Write(TextWriter stdout, CnnModel model, DataView scored, TrainingHistory? history, bool json)
    {
        var record = Details(model.Task, scored);
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
            record["InputImagesPerSecond"] = history.InputImagesPerSecond;
        }
        stdout.WriteLine(JsonSerializer.Serialize(record, Json));
    }

    private static Dictionary<string, object?> Details(CnnTask task, DataView scored)
    {
        var record = TaskMetrics.Evaluate(task, scored).ToDictionary(kv => kv.Key, kv => (object?)kv.Value);
        switch (task)
        {
            case CnnTask.Multiclass:
                var m = MulticlassEvaluator.Evaluate(scored);
                record["TopKPredictionCount"] = m.TopKPredictionCount;
                record["Labels"] = m.ConfusionMatrix.Labels;
                record["PerClassRecall"] = m.PerClassRecall;
                record["PerClassPrecision"] = m.PerClassPrecision;
                record["PerClassF1"] = m.PerClassF1;
                record["PerClassLogLoss"] = m.PerClassLogLoss;
                record["ConfusionTable"] = m.ConfusionMatrix.GetFormattedConfusionTable();
                break;
            case CnnTask.Binary:
                record["ConfusionTable"] = BinaryClassificationEvaluator.Evaluate(scored).ConfusionMatrix.GetFormattedConfusionTable();
                break;
            case CnnTask.Multilabel:
                var l = MultilabelEvaluator.Evaluate(scored);
                record["Labels"] = l.LabelNames;
                record["PerLabelF1"] = l.PerLabelF1;
                record["PerLabelPrecision"] = l.PerLabelPrecision;
                record["PerLabelRecall"] = l.PerLabelRecall;
                break;
            case CnnTask.Regression:
                record["PerOutputRSquared"] = RegressionEvaluator.Evaluate(scored).PerOutput.Select(o => o.RSquared).ToArray();
                break;
        }
        return record;
    }
}
