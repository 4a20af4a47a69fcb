namespace Ml.Cnn.Schedules;

/// <summary>
/// PyTorch's MultiStepLR: the rate is multiplied by <see cref="Gamma"/> when the epoch index reaches each of the
/// <see cref="Milestones"/>; created by <see cref="LearningRateSchedule.MultiStep"/>.
/// </summary>
public sealed class MultiStepSchedule : LearningRateSchedule
{
    internal MultiStepSchedule(IReadOnlyList<int> milestones, double gamma)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        if (milestones.Count == 0) throw new ArgumentException("milestones needs at least one epoch index.", nameof(milestones));
        for (var i = 0; i < milestones.Count; i++)
            Require(milestones[i], nameof(milestones), milestones[i] >= 1 && (i == 0 || milestones[i] > milestones[i - 1]),
                $"must be epoch indices >= 1 in strictly increasing order; item {i}");
        Milestones = milestones.ToArray();
        Gamma = Require(gamma, nameof(gamma), gamma > 0 && double.IsFinite(gamma), "must be a finite number > 0");
    }

    /// <summary>The epoch indices (0-based) from which the rate is multiplied by one more <see cref="Gamma"/>.</summary>
    public IReadOnlyList<int> Milestones { get; }

    /// <summary>The decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public override string Name => "MultiStep";

    /// <inheritdoc />
    public override bool StepsPerBatch => false;

    private protected override ScheduleRunner Create(double baseLearningRate, int epochs, int batchesPerEpoch) =>
        new EpochScheduleRunner(Name, baseLearningRate, (epoch, rate) => Milestones.Contains(epoch) ? rate * Gamma : rate);
}
