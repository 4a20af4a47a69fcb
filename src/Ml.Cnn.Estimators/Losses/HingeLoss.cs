using Ml.Cnn.Training;

namespace Ml.Cnn.Losses;

/// <summary>Multi-class hinge loss (PyTorch's MultiMarginLoss); created by <see cref="Loss.Hinge"/>.</summary>
public sealed class HingeLoss : Loss
{
    internal HingeLoss(double margin, int power)
    {
        Margin = Require(margin, "margin", margin > 0 && double.IsFinite(margin), "must be a finite number > 0");
        if (power is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(power), power, "power (p) must be 1 or 2.");
        Power = power;
    }

    /// <summary>The margin.</summary>
    public double Margin { get; }

    /// <summary>The exponent p (1 or 2).</summary>
    public int Power { get; }

    /// <inheritdoc />
    public override string Name => "Hinge";

    /// <inheritdoc />
    public override IReadOnlyList<CnnTask> Tasks => [CnnTask.Multiclass];

    internal override string ToSpec() => Line("hinge");

    internal override IEnumerable<KeyValuePair<string, object>> Parameters() => [new("margin", Margin), new("power", Power)];
}
