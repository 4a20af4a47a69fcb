namespace Ml.Cnn.Schedules;

/// <summary>
/// One training run of a <see cref="LearningRateSchedule"/>: the trainer reads <see cref="LearningRate"/> before every
/// optimizer step, calls <see cref="AfterBatch"/> after every step and <see cref="AfterEpoch"/> after every epoch.
/// </summary>
internal abstract class ScheduleRunner
{
    private protected ScheduleRunner(string name, double learningRate)
    {
        Name = name;
        LearningRate = learningRate;
    }

    /// <summary>The schedule's name.</summary>
    public string Name { get; }

    /// <summary>The rate to use for the next optimizer step.</summary>
    public double LearningRate { get; private protected set; }

    /// <summary>Optimizer steps (batches) taken.</summary>
    public long Steps { get; private protected set; }

    /// <summary>Epochs completed.</summary>
    public int Epochs { get; private protected set; }

    /// <summary>Called after every optimizer step; moves per-batch schedules on.</summary>
    public abstract void AfterBatch();

    /// <summary>Called after every epoch; moves per-epoch schedules on.</summary>
    /// <param name="monitoredValue">The monitored metric of the epoch; required by ReduceOnPlateau, ignored by the others.</param>
    public abstract void AfterEpoch(double? monitoredValue);

    /// <summary>The state to save with a checkpoint.</summary>
    public virtual ScheduleState Save() => new(Name, Steps, Epochs, LearningRate);

    /// <summary>Continues from a saved state; the runner must come from the same schedule and training length.</summary>
    /// <param name="state">A state from <see cref="Save"/>.</param>
    public virtual void Restore(ScheduleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Name != Name)
            throw new ArgumentException(
                $"The saved schedule state belongs to schedule {state.Name}, not {Name}; resume with the schedule the checkpoint was trained with.",
                nameof(state));
        if (state.Steps < 0 || state.Epochs < 0 || !(state.LearningRate >= 0) || double.IsPositiveInfinity(state.LearningRate))
            throw new ArgumentException(
                $"The saved {Name} schedule state is damaged (steps {state.Steps}, epochs {state.Epochs}, learning rate {state.LearningRate}).",
                nameof(state));
        Steps = state.Steps;
        Epochs = state.Epochs;
        LearningRate = state.LearningRate;
    }
}
