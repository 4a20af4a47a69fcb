using Ml.Cnn.Training;

namespace Ml.Cnn.Losses;

/// <summary>Binary hinge loss max(0, margin - y·x), y in {-1, +1}; created by <see cref="Loss.BinaryHinge"/>.</summary>
public sealed class BinaryHingeLoss : Loss
{
    internal BinaryHingeLoss(double margin) =>
        Margin = Require(margin, "margin", margin > 0 && double.IsFinite(margin), "must be a finite number > 0");

    /// <summary>The margin.</summary>
    public double Margin { get; }

    /// <inheritdoc />
    public override string Name => "BinaryHinge";

    /// <inheritdoc />
    public override IReadOnlyList<CnnTask> Tasks => [CnnTask.Binary, CnnTask.Multilabel];

    internal override string ToSpec() => Line("binary_hinge");

    internal override IEnumerable<KeyValuePair<string, object>> Parameters() => [new("margin", Margin)];
}
