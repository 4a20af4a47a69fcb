using System.Globalization;
using System.Text;
using Ml.Cnn.Sweeps;

namespace Ml.Cnn.Cli;

/// <summary>How <c>mlcnn sweep</c> shows trials: a line per finished trial, the final table, and the --json object.</summary>
internal static class SweepTable
{
    /// <summary>e.g. <c>trial 3 complete  MicroAccuracy 0.8123 after 9 epochs  learning-rate=0.003 optimizer=adam  (41.2 s; 4/20 finished)</c>.</summary>
    public static string ProgressLine(TrialFinishedEventArgs e, SweepOptions options)
    {
        var t = e.Trial;
        var what = t.State switch
        {
            TrialState.Complete => FormattableString.Invariant($"complete  {options.Metric} {t.Value:F4} after {t.Epochs} epochs"),
            TrialState.Pruned => FormattableString.Invariant($"pruned at epoch {t.Epochs}  {options.Metric} {t.Value:F4}"),
            _ => $"failed: {t.Message}",
        };
        return FormattableString.Invariant($"mlcnn: trial {t.Number} {what}  {t.Parameters}  ({t.Seconds:F1} s; {e.Finished}/{options.Trials} finished)");
    }

    /// <summary>The final table: one row per trial (number, state, metric, epochs, seconds, parameters), the best marked with *.</summary>
    public static string Format(SweepResult result)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Study {result.Study}: {result.Finished} finished ({result.Complete} complete, {result.Pruned} pruned), {result.Failed} failed");
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"trial",6}  {"state",-8}  {result.Metric,14}  {"epochs",6}  {"seconds",8}  parameters");
        foreach (var t in result.Trials)
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{(t == result.Best ? "*" : "") + t.Number,6}  {t.State.ToString().ToLowerInvariant(),-8}  {(t.Value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-"),14}  {t.Epochs,6}  {(t.Seconds is { } s ? s.ToString("F1", CultureInfo.InvariantCulture) : "-"),8}  {t.Parameters}");
        if (result.Best is { } best) sb.AppendLine(CultureInfo.InvariantCulture, $"Best: trial {best.Number} ({result.Metric} {best.Value:F4} on validation)");
        return sb.ToString();
    }

    /// <summary>The --json object: Study, Trials (finished, from the storage), Complete, Pruned, Failed, BestTrial (Number, Params, the metric by name), Test (the best model's test metrics by evaluator name).</summary>
    public static Dictionary<string, object?> Json(SweepResult result, IReadOnlyList<KeyValuePair<string, double>>? test)
    {
        Dictionary<string, object?>? best = null;
        if (result.Best is { } b)
        {
            best = new Dictionary<string, object?>
            {
                ["Number"] = b.Number,
                ["Params"] = b.Parameters.ToDictionary(p => p.Key, p => p.Value),
                [result.Metric] = b.Value,
                ["Epochs"] = b.Epochs,
                ["ModelPath"] = b.ModelPath,
            };
        }
        return new Dictionary<string, object?>
        {
            ["Study"] = result.Study,
            ["Metric"] = result.Metric,
            ["Trials"] = result.Finished,
            ["Complete"] = result.Complete,
            ["Pruned"] = result.Pruned,
            ["Failed"] = result.Failed,
            ["BestTrial"] = best,
            ["Test"] = test?.ToDictionary(m => m.Key, m => m.Value),
        };
    }
}
