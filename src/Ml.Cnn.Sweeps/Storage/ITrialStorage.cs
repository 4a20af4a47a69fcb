namespace Ml.Cnn.Sweeps;

/// <summary>
/// Where studies and their trials are kept (<see cref="SqliteTrialStorage"/>, <see cref="PostgresTrialStorage"/>). Every
/// member may be called from several threads at once; claims are atomic across processes and machines sharing the storage.
/// </summary>
public interface ITrialStorage : IDisposable
{
    /// <summary>The storage as the CLI names it (e.g. <c>sqlite:sweeps.db</c>), for messages.</summary>
    string Description { get; }

    /// <summary>Opens the study, creating it (and the schema) on first use.</summary>
    /// <param name="definition">The study's definition.</param>
    /// <exception cref="InvalidOperationException">A study of that name exists with another space or metric.</exception>
    StudyHandle OpenStudy(StudyDefinition definition);

    /// <summary>
    /// Atomically: marks trials of dead workers failed (a process of this host that has ended, or no heartbeat for
    /// <paramref name="staleAfter"/>), then, when finished plus running trials are fewer than <paramref name="target"/>,
    /// numbers a new trial, asks <paramref name="sample"/> for its parameters (given every trial so far and the number) and
    /// records it as running for <paramref name="worker"/>.
    /// </summary>
    /// <param name="study">The study.</param>
    /// <param name="target">The finished trials the study should hold.</param>
    /// <param name="worker">Who will run it.</param>
    /// <param name="staleAfter">How long a running trial may go without a heartbeat before it counts as dead.</param>
    /// <param name="sample">The new trial's parameters and seed.</param>
    ClaimResult Claim(StudyHandle study, int target, WorkerIdentity worker, TimeSpan staleAfter,
        Func<IReadOnlyList<TrialRecord>, int, (TrialParameters Parameters, int Seed)> sample);

    /// <summary>Records a running trial's metric after an epoch (and refreshes its heartbeat while it runs).</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="epoch">The 1-based epoch.</param>
    /// <param name="value">The metric.</param>
    /// <param name="seconds">The epoch's training seconds.</param>
    void ReportEpoch(long trialId, int epoch, double value, double seconds);

    /// <summary>Tells other workers the trial's worker is alive.</summary>
    /// <param name="trialId">The trial.</param>
    void Heartbeat(long trialId);

    /// <summary>Ends a running trial; false (and nothing changed) when it is no longer running, e.g. another worker marked it failed.</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="state">Complete, Pruned or Failed.</param>
    /// <param name="value">Its final metric, or null.</param>
    /// <param name="message">Why it failed, or null.</param>
    bool Finish(long trialId, TrialState state, double? value, string? message);

    /// <summary>Records where a trial's model was saved.</summary>
    /// <param name="trialId">The trial.</param>
    /// <param name="path">The model file.</param>
    void SetModelPath(long trialId, string path);

    /// <summary>Every trial of the study, in number order, with its epoch values.</summary>
    /// <param name="study">The study.</param>
    IReadOnlyList<TrialRecord> Trials(StudyHandle study);

    /// <summary>The metric at <paramref name="epoch"/> of every trial of the study that reported it and has not failed.</summary>
    /// <param name="study">The study.</param>
    /// <param name="epoch">The epoch.</param>
    IReadOnlyList<double> ValuesAtEpoch(StudyHandle study, int epoch);
}
