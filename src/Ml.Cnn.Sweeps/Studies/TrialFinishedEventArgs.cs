namespace Ml.Cnn.Sweeps;

/// <summary>Raised (on the worker's thread) when a trial of this process ends: complete, pruned or failed.</summary>
/// <param name="trial">The trial as stored after it ended.</param>
/// <param name="finished">The study's finished trials (complete or pruned) after it.</param>
public sealed class TrialFinishedEventArgs(TrialRecord trial, int finished) : EventArgs
{
    /// <summary>The trial.</summary>
    public TrialRecord Trial { get; } = trial;

    /// <summary>The study's finished trials (complete or pruned) after this one.</summary>
    public int Finished { get; } = finished;
}
