using Ml.Cnn.Augmentation;

namespace Ml.Cnn;

/// <summary>
/// CutMix (Yun et al. 2019): a box of area (1 - lambda) pasted from a partner image of the batch, lambda ~ Beta(Alpha, Alpha);
/// the targets become soft and mix by area, so the loss must take soft labels (cross-entropy, focal; not hinge).
/// </summary>
public sealed record CutMixOptions : AugmentationOptions
{
    /// <summary>The Beta parameter, &gt; 0.</summary>
    /// <value>Default 1.</value>
    public double Alpha { get; init; } = 1;

    /// <summary>Probability per image (otherwise it is left alone).</summary>
    /// <value>Default 1.</value>
    public double Probability { get; init; } = 1;

    /// <inheritdoc />
    public override void Validate()
    {
        Check(Alpha > 0 && double.IsFinite(Alpha), Alpha, nameof(Alpha), "must be a positive number");
        Check(Probability is >= 0 and <= 1, Probability, nameof(Probability), "is a probability in [0, 1]");
    }

    internal override IBatchAugmenter Create() => new MixAugmenter(Alpha, Probability, cutmix: true);
}
