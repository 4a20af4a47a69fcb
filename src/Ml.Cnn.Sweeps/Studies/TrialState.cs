namespace Ml.Cnn.Sweeps;

/// <summary>Where a trial stands in its study.</summary>
public enum TrialState
{
    /// <summary>A worker is training it.</summary>
    Running,

    /// <summary>It trained every epoch it was given; its value is the metric after the last one.</summary>
    Complete,

    /// <summary>The pruner stopped it at a rung; its value is the metric there. It counts as finished.</summary>
    Pruned,

    /// <summary>It threw, or its worker died (found by a later worker); it does not count, and its slot is run again.</summary>
    Failed,
}
