namespace Ml.Cnn.Schedules;

/// <summary>
/// ML.NET's polynomial decay, <c>(lr0 - end) (1 - x / d)^power + end</c> for epoch e with x = min(e, decayEpochs) and
/// d = decayEpochs, or with <see cref="Cycle"/> x = e and d = decayEpochs × max(1, ceil(e / decayEpochs)); created by
/// <see cref="LearningRateSchedule.Polynomial"/>.
/// </summary>
public sealed class PolynomialSchedule : LearningRateSchedule
{
    internal PolynomialSchedule(int decayEpochs, double endLearningRate, double power, bool cycle)
    {
        DecayEpochs = Require(decayEpochs, nameof(decayEpochs), decayEpochs >= 1, "must be >= 1");
        EndLearningRate = Require(endLearningRate, nameof(endLearningRate), endLearningRate >= 0 && double.IsFinite(endLearningRate),
            "must be a finite number >= 0");
        Power = Require(power, nameof(power), power > 0 && double.IsFinite(power), "must be a finite number > 0");
        Cycle = cycle;
    }

    /// <summary>Epochs over which the rate falls to <see cref="EndLearningRate"/>.</summary>
    public int DecayEpochs { get; }

    /// <summary>The rate reached after <see cref="DecayEpochs"/>.</summary>
    public double EndLearningRate { get; }

    /// <summary>The polynomial's power.</summary>
    public double Power { get; }

    /// <summary>True when the decay restarts every <see cref="DecayEpochs"/> epochs.</summary>
    public bool Cycle { get; }

    /// <inheritdoc />
    public override string Name => "Polynomial";

    /// <inheritdoc />
    public override bool StepsPerBatch => false;

    private protected override ScheduleRunner Create(double baseLearningRate, int epochs, int batchesPerEpoch) =>
        new EpochScheduleRunner(Name, RateAt(baseLearningRate, 0), (epoch, _) => RateAt(baseLearningRate, epoch));

    private double RateAt(double baseLearningRate, int epoch)
    {
        double x = Cycle ? epoch : Math.Min(epoch, DecayEpochs);
        double d = Cycle && epoch > 0 ? DecayEpochs * Math.Ceiling((double)epoch / DecayEpochs) : DecayEpochs;
        return (baseLearningRate - EndLearningRate) * Math.Pow(1 - x / d, Power) + EndLearningRate;
    }
}
