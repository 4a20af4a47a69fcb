namespace Ml.Cnn.Schedules;

/// <summary>
/// PyTorch's ReduceLROnPlateau, stepped after every epoch with the monitored value; created by
/// <see cref="LearningRateSchedule.ReduceOnPlateau"/>.
/// </summary>
public sealed class ReduceOnPlateauSchedule : LearningRateSchedule
{
    internal ReduceOnPlateauSchedule(double factor, int patience, double threshold, bool relativeThreshold, bool maximize, int cooldown,
        double minLearningRate)
    {
        Factor = Require(factor, nameof(factor), factor > 0 && factor < 1, "must be in (0, 1)");
        Patience = Require(patience, nameof(patience), patience >= 0, "must be >= 0");
        Threshold = Require(threshold, nameof(threshold), threshold >= 0 && (relativeThreshold ? threshold < 1 : double.IsFinite(threshold)),
            relativeThreshold ? "must be in [0, 1) when relative" : "must be a finite number >= 0");
        RelativeThreshold = relativeThreshold;
        Maximize = maximize;
        Cooldown = Require(cooldown, nameof(cooldown), cooldown >= 0, "must be >= 0");
        MinLearningRate = Require(minLearningRate, nameof(minLearningRate), minLearningRate >= 0 && double.IsFinite(minLearningRate),
            "must be a finite number >= 0");
    }

    /// <summary>The rate is multiplied by this on a plateau.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement that are tolerated before a reduction.</summary>
    public int Patience { get; }

    /// <summary>The least change that counts as an improvement.</summary>
    public double Threshold { get; }

    /// <summary>True: an improvement beats best × (1 ∓ threshold); false: best ∓ threshold.</summary>
    public bool RelativeThreshold { get; }

    /// <summary>True when the monitored value should grow (PyTorch's mode "max").</summary>
    public bool Maximize { get; }

    /// <summary>Epochs after a reduction during which bad epochs are not counted.</summary>
    public int Cooldown { get; }

    /// <summary>The lower bound of the rate.</summary>
    public double MinLearningRate { get; }

    /// <inheritdoc />
    public override string Name => "ReduceOnPlateau";

    /// <inheritdoc />
    public override bool StepsPerBatch => false;

    private protected override ScheduleRunner Create(double baseLearningRate, int epochs, int batchesPerEpoch) =>
        new PlateauScheduleRunner(this, baseLearningRate);
}
