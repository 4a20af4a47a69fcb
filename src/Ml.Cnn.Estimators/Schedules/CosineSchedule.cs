namespace Ml.Cnn.Schedules;

/// <summary>
/// Cosine annealing after an optional linear warm-up, computed in the chainable form PyTorch's SequentialLR of LinearLR and
/// CosineAnnealingLR uses; created by <see cref="LearningRateSchedule.Cosine"/>. As in PyTorch the warm-up runs at
/// base × (f + (1 - f) e / warmupEpochs) for epochs e below warmupEpochs and the annealing starts at the base rate.
/// </summary>
public sealed class CosineSchedule : LearningRateSchedule
{
    internal CosineSchedule(int warmupEpochs, double minLearningRate, double warmupStartFactor)
    {
        WarmupEpochs = Require(warmupEpochs, nameof(warmupEpochs), warmupEpochs >= 0, "must be >= 0");
        MinLearningRate = Require(minLearningRate, nameof(minLearningRate), minLearningRate >= 0 && double.IsFinite(minLearningRate),
            "must be a finite number >= 0");
        WarmupStartFactor = Require(warmupStartFactor, nameof(warmupStartFactor), warmupStartFactor > 0 && warmupStartFactor <= 1, "must be in (0, 1]");
    }

    /// <summary>Epochs of linear warm-up before the annealing.</summary>
    public int WarmupEpochs { get; }

    /// <summary>The rate the annealing ends at (PyTorch's eta_min).</summary>
    public double MinLearningRate { get; }

    /// <summary>The first warm-up epoch runs at this fraction of the base rate.</summary>
    public double WarmupStartFactor { get; }

    /// <inheritdoc />
    public override string Name => "Cosine";

    /// <inheritdoc />
    public override bool StepsPerBatch => false;

    private protected override ScheduleRunner Create(double baseLearningRate, int epochs, int batchesPerEpoch)
    {
        if (WarmupEpochs >= epochs)
            throw new ArgumentException(
                $"The Cosine schedule warms up for {WarmupEpochs} epochs but the training has {epochs}; use fewer warm-up epochs or train longer.",
                nameof(epochs));
        var warmup = WarmupEpochs;
        var start = WarmupStartFactor;
        var annealEpochs = epochs - warmup;
        var eta = MinLearningRate;
        var first = warmup > 0 ? baseLearningRate * start : baseLearningRate;
        return new EpochScheduleRunner(Name, first, (epoch, rate) =>
        {
            if (epoch < warmup) return rate * (1.0 + (1.0 - start) / (warmup * start + (epoch - 1) * (1.0 - start)));
            var k = epoch - warmup;
            if (k == 0) return eta + (baseLearningRate - eta) * (1 + Math.Cos(Math.PI * k / annealEpochs)) / 2;
            if ((k - 1 + annealEpochs) % (2 * annealEpochs) == 0)
                return rate + (baseLearningRate - eta) * (1 - Math.Cos(Math.PI / annealEpochs)) / 2;
            return (1 + Math.Cos(Math.PI * k / annealEpochs)) / (1 + Math.Cos(Math.PI * (k - 1) / annealEpochs)) * (rate - eta) + eta;
        });
    }
}
