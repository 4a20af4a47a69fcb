namespace Ml.Cnn.Schedules;

/// <summary>
/// PyTorch's OneCycleLR over epochs × batches per epoch steps, stepped after every batch; created by
/// <see cref="LearningRateSchedule.OneCycle"/>. The trainer's base rate is ignored: the cycle starts at
/// <see cref="MaxLearningRate"/> / <see cref="DivFactor"/>. Momentum is not cycled.
/// </summary>
public sealed class OneCycleSchedule : LearningRateSchedule
{
    internal OneCycleSchedule(double maxLearningRate, double pctStart, double divFactor, double finalDivFactor, bool cosineAnneal, bool threePhase)
    {
        MaxLearningRate = Require(maxLearningRate, nameof(maxLearningRate), maxLearningRate > 0 && double.IsFinite(maxLearningRate),
            "must be a finite number > 0");
        PctStart = Require(pctStart, nameof(pctStart), pctStart >= 0 && (threePhase ? pctStart <= 0.5 : pctStart < 1),
            threePhase ? "must be in [0, 0.5] with three phases" : "must be in [0, 1)");
        DivFactor = Require(divFactor, nameof(divFactor), divFactor > 0 && double.IsFinite(divFactor), "must be a finite number > 0");
        FinalDivFactor = Require(finalDivFactor, nameof(finalDivFactor), finalDivFactor > 0 && double.IsFinite(finalDivFactor),
            "must be a finite number > 0");
        CosineAnneal = cosineAnneal;
        ThreePhase = threePhase;
    }

    /// <summary>The peak rate.</summary>
    public double MaxLearningRate { get; }

    /// <summary>The fraction of the steps spent rising to the peak.</summary>
    public double PctStart { get; }

    /// <summary>The initial rate is <see cref="MaxLearningRate"/> / DivFactor.</summary>
    public double DivFactor { get; }

    /// <summary>The final rate is the initial rate / FinalDivFactor.</summary>
    public double FinalDivFactor { get; }

    /// <summary>True: cosine annealing; false: linear.</summary>
    public bool CosineAnneal { get; }

    /// <summary>True: rise, fall back to the initial rate, then anneal to the final rate; false: rise, then anneal to the final rate.</summary>
    public bool ThreePhase { get; }

    /// <inheritdoc />
    public override string Name => "OneCycle";

    /// <inheritdoc />
    public override bool StepsPerBatch => true;

    private protected override ScheduleRunner Create(double baseLearningRate, int epochs, int batchesPerEpoch)
    {
        long total = (long)epochs * batchesPerEpoch;
        var initial = MaxLearningRate / DivFactor;
        var final = initial / FinalDivFactor;
        double[] ends = ThreePhase ? [PctStart * total - 1, 2 * PctStart * total - 2, total - 1] : [PctStart * total - 1, total - 1];
        double[] rates = ThreePhase ? [initial, MaxLearningRate, initial, final] : [initial, MaxLearningRate, final];
        if (ends[0] == 0)
            throw new ArgumentException(
                $"OneCycle with pctStart {PctStart} over {total} steps ({epochs} epochs × {batchesPerEpoch} batches) has a warm-up of exactly one step, " +
                "where PyTorch's formula divides by zero; change pctStart or the number of steps.", nameof(epochs));
        return new BatchScheduleRunner(Name, total, step => RateAt(step, ends, rates));
    }

    /// <summary>PyTorch's OneCycleLR.get_lr: the phase holding the step, and the rate annealed across it.</summary>
    private double RateAt(long step, double[] ends, double[] rates)
    {
        var start = 0.0;
        for (var i = 0; ; i++)
        {
            if (step <= ends[i] || i == ends.Length - 1)
            {
                var pct = (step - start) / (ends[i] - start);
                var (from, to) = (rates[i], rates[i + 1]);
                return CosineAnneal ? to + (from - to) / 2.0 * (Math.Cos(Math.PI * pct) + 1) : (to - from) * pct + from;
            }
            start = ends[i];
        }
    }
}
