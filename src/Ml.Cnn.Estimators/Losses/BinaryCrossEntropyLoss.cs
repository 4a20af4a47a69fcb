using Ml.Cnn.Training;

namespace Ml.Cnn.Losses;

/// <summary>Binary cross-entropy with logits (PyTorch's BCEWithLogitsLoss); created by <see cref="Loss.BinaryCrossEntropy(double, double)"/>.</summary>
public sealed class BinaryCrossEntropyLoss : Loss
{
    internal BinaryCrossEntropyLoss(IReadOnlyList<double> positiveWeight, double labelSmoothing)
    {
        ArgumentNullException.ThrowIfNull(positiveWeight);
        if (positiveWeight.Count == 0) throw new ArgumentException("positiveWeight needs at least one value.", nameof(positiveWeight));
        foreach (var w in positiveWeight) Require(w, "positiveWeight", w >= 0 && double.IsFinite(w), "must be finite and >= 0");
        PositiveWeight = positiveWeight.ToArray();
        LabelSmoothing = Require(labelSmoothing, "labelSmoothing", labelSmoothing is >= 0 and < 1, "must lie in [0, 1)");
    }

    /// <summary>PyTorch's pos_weight: one value, or one per label.</summary>
    public IReadOnlyList<double> PositiveWeight { get; }

    /// <summary>Keras' label smoothing: targets become y(1 - s) + s/2.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc />
    public override string Name => "BinaryCrossEntropy";

    /// <inheritdoc />
    public override IReadOnlyList<CnnTask> Tasks => [CnnTask.Binary, CnnTask.Multilabel];

    internal override string ToSpec() => Line("bce");

    internal override void CheckFits(CnnTask task, int outputs)
    {
        base.CheckFits(task, outputs);
        if (outputs > 0 && PositiveWeight.Count != 1 && PositiveWeight.Count != outputs)
            throw new ArgumentException($"Loss BinaryCrossEntropy has {PositiveWeight.Count} positive weights but the model has {outputs} labels; give one per label or a single value.");
    }

    internal override IEnumerable<KeyValuePair<string, object>> Parameters() =>
        [new("positiveWeight", PositiveWeight), new("labelSmoothing", LabelSmoothing)];
}
