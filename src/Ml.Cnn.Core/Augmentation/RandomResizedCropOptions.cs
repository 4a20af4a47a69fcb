using Ml.Cnn.Augmentation;
using Ml.Cnn.Engine;

namespace Ml.Cnn;

/// <summary>
/// torchvision's RandomResizedCrop at the image's own size: a box of area fraction in [MinScale, MaxScale] and aspect ratio
/// in [MinRatio, MaxRatio] (log-uniform), placed uniformly, resampled to the full image; after 10 failed draws, the whole image.
/// </summary>
public sealed record RandomResizedCropOptions : AugmentationOptions
{
    /// <summary>Smallest area fraction.</summary>
    /// <value>Default 0.08.</value>
    public double MinScale { get; init; } = 0.08;

    /// <summary>Largest area fraction.</summary>
    /// <value>Default 1.</value>
    public double MaxScale { get; init; } = 1;

    /// <summary>Smallest aspect ratio (width / height).</summary>
    /// <value>Default 3/4.</value>
    public double MinRatio { get; init; } = 3.0 / 4;

    /// <summary>Largest aspect ratio.</summary>
    /// <value>Default 4/3.</value>
    public double MaxRatio { get; init; } = 4.0 / 3;

    /// <summary>How the crop is resampled.</summary>
    /// <value>Default <see cref="Interpolation.Bilinear"/>.</value>
    public Interpolation Interpolation { get; init; } = Interpolation.Bilinear;

    /// <inheritdoc />
    public override void Validate()
    {
        Check(MinScale > 0 && MinScale <= MaxScale, MinScale, nameof(MinScale), $"must satisfy 0 < MinScale <= MaxScale ({MaxScale})");
        Check(MaxScale <= 1, MaxScale, nameof(MaxScale), "must be at most 1");
        Check(MinRatio > 0 && MinRatio <= MaxRatio, MinRatio, nameof(MinRatio), $"must satisfy 0 < MinRatio <= MaxRatio ({MaxRatio})");
        Check(double.IsFinite(MaxRatio), MaxRatio, nameof(MaxRatio), "must be finite");
        Check(Enum.IsDefined(Interpolation), Interpolation, nameof(Interpolation), "must be an Interpolation (Bilinear or Nearest)");
    }

    internal override IBatchAugmenter Create() => new RandomResizedCropAugmenter(this);
}
