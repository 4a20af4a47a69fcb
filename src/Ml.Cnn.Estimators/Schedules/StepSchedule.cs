namespace Ml.Cnn.Schedules;

/// <summary>PyTorch's StepLR: the rate is multiplied by <see cref="Gamma"/> every <see cref="StepSize"/> epochs; created by <see cref="LearningRateSchedule.Step"/>.</summary>
public sealed class StepSchedule : LearningRateSchedule
{
    internal StepSchedule(int stepSize, double gamma)
    {
        StepSize = Require(stepSize, nameof(stepSize), stepSize >= 1, "must be >= 1");
        Gamma = Require(gamma, nameof(gamma), gamma > 0 && double.IsFinite(gamma), "must be a finite number > 0");
    }

    /// <summary>Epochs between two decays.</summary>
    public int StepSize { get; }

    /// <summary>The decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    public override string Name => "Step";

    /// <inheritdoc />
    public override bool StepsPerBatch => false;

    private protected override ScheduleRunner Create(double baseLearningRate, int epochs, int batchesPerEpoch) =>
        new EpochScheduleRunner(Name, baseLearningRate, (epoch, rate) => epoch % StepSize == 0 ? rate * Gamma : rate);
}
