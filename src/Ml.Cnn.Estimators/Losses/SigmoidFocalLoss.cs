using Ml.Cnn.Training;

namespace Ml.Cnn.Losses;

/// <summary>Sigmoid focal loss as torchvision's sigmoid_focal_loss; created by <see cref="Loss.SigmoidFocal"/>.</summary>
public sealed class SigmoidFocalLoss : Loss
{
    internal SigmoidFocalLoss(double gamma, double alpha)
    {
        Gamma = Require(gamma, "gamma", gamma >= 0 && double.IsFinite(gamma), "must be a finite number >= 0");
        Alpha = Require(alpha, "alpha", alpha <= 1, "must lie in [0, 1], or be negative to disable it");
        if (Alpha < 0) Alpha = -1;
    }

    /// <summary>The focusing parameter.</summary>
    public double Gamma { get; }

    /// <summary>The weight of positives (negatives get 1 - alpha), or -1 when disabled.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public override string Name => "SigmoidFocal";

    /// <inheritdoc />
    public override IReadOnlyList<CnnTask> Tasks => [CnnTask.Binary, CnnTask.Multilabel];

    internal override string ToSpec() => Line("sigmoid_focal");

    internal override IEnumerable<KeyValuePair<string, object>> Parameters() => [new("gamma", Gamma), new("alpha", Alpha)];
}
