namespace Ml.Cnn.Sweeps;

/// <summary>A study's trials as its storage holds them after a sweep, and its best complete trial.</summary>
public sealed class SweepResult
{
    internal SweepResult(string study, string metric, bool maximize, IReadOnlyList<TrialRecord> trials)
    {
        Study = study;
        Metric = metric;
        Maximize = maximize;
        Trials = trials;
        Best = trials.Where(t => t.State == TrialState.Complete && t.Value is not null)
            .OrderBy(t => maximize ? -t.Value!.Value : t.Value!.Value).ThenBy(t => t.Number).FirstOrDefault();
    }

    /// <summary>The study's name.</summary>
    public string Study { get; }

    /// <summary>The metric compared.</summary>
    public string Metric { get; }

    /// <summary>Whether larger is better.</summary>
    public bool Maximize { get; }

    /// <summary>Every trial of the study (all workers, all runs), in number order.</summary>
    public IReadOnlyList<TrialRecord> Trials { get; }

    /// <summary>The complete trial with the best metric (the lowest number among equals), or null.</summary>
    public TrialRecord? Best { get; }

    /// <summary>Complete trials.</summary>
    public int Complete => Trials.Count(t => t.State == TrialState.Complete);

    /// <summary>Pruned trials.</summary>
    public int Pruned => Trials.Count(t => t.State == TrialState.Pruned);

    /// <summary>Failed trials (their slots were run again).</summary>
    public int Failed => Trials.Count(t => t.State == TrialState.Failed);

    /// <summary>Finished trials: complete and pruned.</summary>
    public int Finished => Complete + Pruned;

    /// <summary>The best trial's saved model, or null (no model directory, or the file is gone).</summary>
    public string? BestModelPath => Best?.ModelPath is { } path && File.Exists(path) ? path : null;
}
