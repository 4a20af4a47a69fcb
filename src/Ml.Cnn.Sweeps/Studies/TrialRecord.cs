namespace Ml.Cnn.Sweeps;

/// <summary>One trial as its study's storage keeps it.</summary>
/// <param name="Id">The storage's id of the trial.</param>
/// <param name="Number">The trial's number in its study: 0, 1, 2, ... in the order trials were claimed.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Parameters">The values it was given.</param>
/// <param name="Seed">The training seed it used.</param>
/// <param name="Value">The metric it finished with (the last reported epoch's), or null while running or when failed without one.</param>
/// <param name="EpochValues">The metric after each epoch reported, in order (epoch 1 first).</param>
/// <param name="Worker">The worker that claimed it (host, process and thread).</param>
/// <param name="Started">When it was claimed (UTC).</param>
/// <param name="Finished">When it ended (UTC), or null while running.</param>
/// <param name="ModelPath">Where its model was saved (complete trials that were the study's best when they ended), or null.</param>
/// <param name="Message">Why it failed, or null.</param>
public sealed record TrialRecord(long Id, int Number, TrialState State, TrialParameters Parameters, int Seed, double? Value,
    IReadOnlyList<double> EpochValues, string Worker, DateTime Started, DateTime? Finished, string? ModelPath, string? Message)
{
    /// <summary>Whether the trial counts towards the study's trials (complete or pruned).</summary>
    public bool IsFinished => State is TrialState.Complete or TrialState.Pruned;

    /// <summary>The epochs it reported.</summary>
    public int Epochs => EpochValues.Count;

    /// <summary>Seconds from claim to end, or null while running.</summary>
    public double? Seconds => Finished is { } end ? (end - Started).TotalSeconds : null;
}
