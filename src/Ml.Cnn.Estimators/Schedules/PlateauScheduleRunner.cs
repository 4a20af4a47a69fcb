namespace Ml.Cnn.Schedules;

/// <summary>One training run of <see cref="ReduceOnPlateauSchedule"/>, step for step PyTorch's ReduceLROnPlateau.step(metric).</summary>
internal sealed class PlateauScheduleRunner : ScheduleRunner
{
    /// <summary>PyTorch's eps: a reduction smaller than this is skipped.</summary>
    private const double Eps = 1e-8;

    private readonly ReduceOnPlateauSchedule schedule;
    private double best;
    private int badEpochs;
    private int cooldownLeft;

    /// <summary>A runner starting at <paramref name="learningRate"/> with no best value yet.</summary>
    /// <param name="schedule">The schedule's parameters.</param>
    /// <param name="learningRate">The base rate.</param>
    public PlateauScheduleRunner(ReduceOnPlateauSchedule schedule, double learningRate)
        : base(schedule.Name, learningRate)
    {
        this.schedule = schedule;
        best = schedule.Maximize ? double.NegativeInfinity : double.PositiveInfinity;
    }

    /// <inheritdoc />
    public override void AfterBatch() => Steps++;

    /// <inheritdoc />
    public override void AfterEpoch(double? monitoredValue)
    {
        if (monitoredValue is not double current)
            throw new InvalidOperationException(
                $"The {Name} schedule needs the monitored value after every epoch but got none after epoch {Epochs + 1}; " +
                "monitor a metric the trainer computes every epoch (the validation loss needs validation data).");
        Epochs++;
        if (IsBetter(current))
        {
            best = current;
            badEpochs = 0;
        }
        else
        {
            badEpochs++;
        }
        if (cooldownLeft > 0)
        {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > schedule.Patience)
        {
            var reduced = Math.Max(LearningRate * schedule.Factor, schedule.MinLearningRate);
            if (LearningRate - reduced > Eps) LearningRate = reduced;
            cooldownLeft = schedule.Cooldown;
            badEpochs = 0;
        }
    }

    /// <inheritdoc />
    public override ScheduleState Save() => base.Save() with { Best = best, BadEpochs = badEpochs, CooldownLeft = cooldownLeft };

    /// <inheritdoc />
    public override void Restore(ScheduleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (double.IsNaN(state.Best) || state.BadEpochs < 0 || state.CooldownLeft < 0)
            throw new ArgumentException(
                $"The saved {Name} schedule state is damaged (best {state.Best}, bad epochs {state.BadEpochs}, cooldown left {state.CooldownLeft}).",
                nameof(state));
        base.Restore(state);
        best = state.Best;
        badEpochs = state.BadEpochs;
        cooldownLeft = state.CooldownLeft;
    }

    private bool IsBetter(double current) => (schedule.Maximize, schedule.RelativeThreshold) switch
    {
        (false, true) => current < best * (1.0 - schedule.Threshold),
        (false, false) => current < best - schedule.Threshold,
        (true, true) => current > best * (schedule.Threshold + 1.0),
        (true, false) => current > best + schedule.Threshold,
    };
}
