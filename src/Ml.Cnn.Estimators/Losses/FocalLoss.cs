using Ml.Cnn.Training;

namespace Ml.Cnn.Losses;

/// <summary>Softmax focal loss -alpha_y (1 - p_y)^gamma log p_y (Lin et al. 2017); created by <see cref="Loss.Focal(double, double)"/>.</summary>
public sealed class FocalLoss : Loss
{
    internal FocalLoss(double gamma, IReadOnlyList<double> alpha)
    {
        Gamma = Require(gamma, "gamma", gamma >= 0 && double.IsFinite(gamma), "must be a finite number >= 0");
        ArgumentNullException.ThrowIfNull(alpha);
        if (alpha.Count == 0) throw new ArgumentException("alpha needs at least one value.", nameof(alpha));
        foreach (var a in alpha) Require(a, "alpha", a >= 0 && double.IsFinite(a), "must be finite and >= 0");
        Alpha = alpha.ToArray();
    }

    /// <summary>The focusing parameter; 0 gives cross-entropy.</summary>
    public double Gamma { get; }

    /// <summary>One balancing factor for all classes, or one per class.</summary>
    public IReadOnlyList<double> Alpha { get; }

    /// <inheritdoc />
    public override string Name => "Focal";

    /// <inheritdoc />
    public override IReadOnlyList<CnnTask> Tasks => [CnnTask.Multiclass];

    internal override string ToSpec() => Line("focal");

    internal override void CheckFits(CnnTask task, int outputs)
    {
        base.CheckFits(task, outputs);
        if (outputs > 0 && Alpha.Count != 1 && Alpha.Count != outputs)
            throw new ArgumentException($"Loss Focal has {Alpha.Count} alpha values but the data has {outputs} classes; give one per class or a single value.");
    }

    internal override IEnumerable<KeyValuePair<string, object>> Parameters() => [new("gamma", Gamma), new("alpha", Alpha)];
}
