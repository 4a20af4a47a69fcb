using Ml.Cnn.Schedules;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>What a checkpoint records besides the tensors.</summary>
/// <param name="Epoch">The last finished epoch (1-based).</param>
/// <param name="Fingerprint">The network spec, task, outputs and optimizer the checkpoint belongs to.</param>
/// <param name="History">The epochs so far.</param>
/// <param name="Schedule">The learning-rate schedule's state.</param>
/// <param name="BestValue">Early stopping's best monitored value, or null.</param>
/// <param name="BestEpoch">The epoch of <paramref name="BestValue"/> (0 when none).</param>
/// <param name="Wait">Epochs since the best.</param>
internal sealed record CheckpointState(int Epoch, string Fingerprint, EpochMetrics[] History, ScheduleState Schedule, double? BestValue,
    int BestEpoch, int Wait)
{
    /// <summary>True when early stopping ended the run at <see cref="Epoch"/> (a resume then trains no further).</summary>
    public bool EarlyStopped { get; init; }
}
