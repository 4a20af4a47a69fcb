namespace Ml.Cnn.Schedules;

/// <summary>
/// A schedule stepped once per epoch, in PyTorch's chainable form: after epoch e - 1 the rate becomes
/// <c>next(e, rate)</c>, with e the new epoch index (PyTorch's last_epoch) and rate the current one.
/// </summary>
internal sealed class EpochScheduleRunner : ScheduleRunner
{
    private readonly Func<int, double, double> next;

    /// <summary>A runner starting at <paramref name="learningRate"/> (the rate of epoch 0).</summary>
    /// <param name="name">The schedule's name.</param>
    /// <param name="learningRate">The rate of epoch 0.</param>
    /// <param name="next">The rate of epoch e from e and the rate of epoch e - 1.</param>
    public EpochScheduleRunner(string name, double learningRate, Func<int, double, double> next)
        : base(name, learningRate)
    {
        this.next = next;
    }

    /// <inheritdoc />
    public override void AfterBatch() => Steps++;

    /// <inheritdoc />
    public override void AfterEpoch(double? monitoredValue)
    {
        Epochs++;
        LearningRate = next(Epochs, LearningRate);
    }
}
