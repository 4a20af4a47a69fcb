namespace Ml.Cnn.Sweeps;

/// <summary>What a worker got when it asked for a trial.</summary>
/// <param name="Trial">The trial it now runs, or null.</param>
/// <param name="Finished">The study's finished trials (complete or pruned) at the claim.</param>
/// <param name="Running">Trials other workers are running at the claim.</param>
public sealed record ClaimResult(TrialRecord? Trial, int Finished, int Running)
{
    /// <summary>True when no trial was given because the study holds its trials or the rest are running elsewhere.</summary>
    public bool NothingToRun => Trial is null;
}
