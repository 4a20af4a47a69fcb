namespace Ml.Cnn.Schedules;

/// <summary>The base learning rate throughout; created by <see cref="LearningRateSchedule.Constant"/>.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    internal ConstantSchedule()
    {
    }

    /// <inheritdoc />
    public override string Name => "Constant";

    /// <inheritdoc />
    public override bool StepsPerBatch => false;

    private protected override ScheduleRunner Create(double baseLearningRate, int epochs, int batchesPerEpoch) =>
        new EpochScheduleRunner(Name, baseLearningRate, (_, rate) => rate);
}
