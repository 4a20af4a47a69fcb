namespace Ml.Cnn.Schedules;

/// <summary>PyTorch's ExponentialLR: the rate is multiplied by <see cref="Gamma"/> after every epoch; created by <see cref="LearningRateSchedule.Exponential"/>.</summary>
public sealed class ExponentialSchedule : LearningRateSchedule
{
    internal ExponentialSchedule(double gamma)
    {
        Gamma = Require(gamma, nameof(gamma), gamma > 0 && double.IsFinite(gamma), "must be a finite number > 0");
    }

    /// <summary>The decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public override string Name => "Exponential";

    /// <inheritdoc />
    public override bool StepsPerBatch => false;

    private protected override ScheduleRunner Create(double baseLearningRate, int epochs, int batchesPerEpoch) =>
        new EpochScheduleRunner(Name, baseLearningRate, (_, rate) => rate * Gamma);
}
