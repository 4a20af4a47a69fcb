namespace Ml.Cnn.Schedules;

/// <summary>A schedule stepped after every batch whose rate is a function of the steps taken (PyTorch's OneCycleLR).</summary>
internal sealed class BatchScheduleRunner : ScheduleRunner
{
    private readonly long totalSteps;
    private readonly Func<long, double> rateAt;

    /// <summary>A runner for <paramref name="totalSteps"/> optimizer steps.</summary>
    /// <param name="name">The schedule's name.</param>
    /// <param name="totalSteps">The steps the schedule spans; stepping past them throws, as in PyTorch.</param>
    /// <param name="rateAt">The rate after t steps, for t in [0, totalSteps].</param>
    public BatchScheduleRunner(string name, long totalSteps, Func<long, double> rateAt)
        : base(name, rateAt(0))
    {
        this.totalSteps = totalSteps;
        this.rateAt = rateAt;
    }

    /// <inheritdoc />
    public override void AfterBatch()
    {
        if (Steps >= totalSteps)
            throw new InvalidOperationException(
                $"The {Name} schedule spans {totalSteps} optimizer steps (epochs × batches per epoch) and all of them were taken; " +
                "start the schedule with the training's real epochs and batches per epoch.");
        Steps++;
        LearningRate = rateAt(Steps);
    }

    /// <inheritdoc />
    public override void AfterEpoch(double? monitoredValue) => Epochs++;

    /// <inheritdoc />
    public override void Restore(ScheduleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Steps > totalSteps)
            throw new ArgumentException(
                $"The saved {Name} schedule state has taken {state.Steps} steps but this run spans {totalSteps}; resume with the epochs and batches per epoch of the checkpoint.",
                nameof(state));
        base.Restore(state);
    }
}
