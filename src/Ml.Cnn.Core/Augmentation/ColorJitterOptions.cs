using Ml.Cnn.Augmentation;

namespace Ml.Cnn;

/// <summary>
/// torchvision's ColorJitter: brightness, contrast and saturation factors drawn in [1 - x, 1 + x] and a hue shift in
/// [-h, h] turns, per image. Saturation and hue need color images.
/// </summary>
public sealed record ColorJitterOptions : AugmentationOptions
{
    /// <summary>Brightness jitter in [0, 1].</summary>
    /// <value>Default 0 (off).</value>
    public double Brightness { get; init; }

    /// <summary>Contrast jitter in [0, 1].</summary>
    /// <value>Default 0 (off).</value>
    public double Contrast { get; init; }

    /// <summary>Saturation jitter in [0, 1] (color images).</summary>
    /// <value>Default 0 (off).</value>
    public double Saturation { get; init; }

    /// <summary>Hue jitter in [0, 0.5] turns (color images).</summary>
    /// <value>Default 0 (off).</value>
    public double Hue { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        Check(Brightness is >= 0 and <= 1, Brightness, nameof(Brightness), "must lie in [0, 1]");
        Check(Contrast is >= 0 and <= 1, Contrast, nameof(Contrast), "must lie in [0, 1]");
        Check(Saturation is >= 0 and <= 1, Saturation, nameof(Saturation), "must lie in [0, 1]");
        Check(Hue is >= 0 and <= 0.5, Hue, nameof(Hue), "must lie in [0, 0.5]");
    }

    internal override IBatchAugmenter Create() => new ColorJitterAugmenter(this);
}
