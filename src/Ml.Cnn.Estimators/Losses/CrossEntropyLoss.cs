using Ml.Cnn.Training;

namespace Ml.Cnn.Losses;

/// <summary>Softmax cross-entropy with label smoothing; created by <see cref="Loss.CrossEntropy"/>.</summary>
public sealed class CrossEntropyLoss : Loss
{
    internal CrossEntropyLoss(double labelSmoothing) =>
        LabelSmoothing = Require(labelSmoothing, "labelSmoothing", labelSmoothing is >= 0 and < 1, "must lie in [0, 1)");

    /// <summary>PyTorch's label_smoothing: the target becomes (1 - s)·onehot + s/classes.</summary>
    public double LabelSmoothing { get; }

    /// <inheritdoc />
    public override string Name => "CrossEntropy";

    /// <inheritdoc />
    public override IReadOnlyList<CnnTask> Tasks => [CnnTask.Multiclass];

    internal override string ToSpec() => Line("ce");

    internal override IEnumerable<KeyValuePair<string, object>> Parameters() => [new("labelSmoothing", LabelSmoothing)];
}
