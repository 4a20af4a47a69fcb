using Ml.Cnn.Augmentation;
using Ml.Cnn.Engine;

namespace Ml.Cnn;

/// <summary>
/// Random geometric transforms drawn per image and applied as one resampling, with Keras' ImageDataGenerator semantics:
/// rotation, shifts, shear, zoom and flips (in Keras' order).
/// </summary>
public sealed record RandomAffineOptions : AugmentationOptions
{
    /// <summary>Rotation drawn uniformly in [-r, r] degrees (positive turns content counter-clockwise).</summary>
    /// <value>Default 0.</value>
    public double RotationDegrees { get; init; }

    /// <summary>Horizontal shift drawn in [-s, s]: a fraction of the width when below 1, else pixels (as Keras).</summary>
    /// <value>Default 0.</value>
    public double WidthShift { get; init; }

    /// <summary>Vertical shift drawn in [-s, s]: a fraction of the height when below 1, else pixels.</summary>
    /// <value>Default 0.</value>
    public double HeightShift { get; init; }

    /// <summary>Zoom factors drawn in [1 - z, 1 + z] per axis (Keras: below 1 magnifies).</summary>
    /// <value>Default 0.</value>
    public double Zoom { get; init; }

    /// <summary>Shear angle drawn in [-s, s] degrees.</summary>
    /// <value>Default 0.</value>
    public double ShearDegrees { get; init; }

    /// <summary>Probability of a horizontal flip.</summary>
    /// <value>Default 0.</value>
    public double HorizontalFlip { get; init; }

    /// <summary>Probability of a vertical flip.</summary>
    /// <value>Default 0.</value>
    public double VerticalFlip { get; init; }

    /// <summary>How points outside the image are filled.</summary>
    /// <value>Default <see cref="FillMode.Nearest"/> (Keras' default).</value>
    public FillMode Fill { get; init; } = FillMode.Nearest;

    /// <summary>The value in [0, 1] of <see cref="FillMode.Constant"/>.</summary>
    /// <value>Default 0.</value>
    public float FillValue { get; init; }

    /// <summary>How pixels are resampled.</summary>
    /// <value>Default <see cref="Interpolation.Bilinear"/>.</value>
    public Interpolation Interpolation { get; init; } = Interpolation.Bilinear;

    /// <inheritdoc />
    public override void Validate()
    {
        Check(RotationDegrees is >= 0 and <= 180, RotationDegrees, nameof(RotationDegrees), "must lie in [0, 180]");
        Check(WidthShift >= 0 && double.IsFinite(WidthShift), WidthShift, nameof(WidthShift), "must be a finite number >= 0");
        Check(HeightShift >= 0 && double.IsFinite(HeightShift), HeightShift, nameof(HeightShift), "must be a finite number >= 0");
        Check(Zoom is >= 0 and < 1, Zoom, nameof(Zoom), "must lie in [0, 1)");
        Check(ShearDegrees is >= 0 and < 90, ShearDegrees, nameof(ShearDegrees), "must lie in [0, 90)");
        Check(HorizontalFlip is >= 0 and <= 1, HorizontalFlip, nameof(HorizontalFlip), "is a probability in [0, 1]");
        Check(VerticalFlip is >= 0 and <= 1, VerticalFlip, nameof(VerticalFlip), "is a probability in [0, 1]");
        Check(Enum.IsDefined(Fill), Fill, nameof(Fill), "must be a FillMode (Constant, Nearest, Reflect or Wrap)");
        Check(FillValue is >= 0 and <= 1, FillValue, nameof(FillValue), "must lie in [0, 1]");
        Check(Enum.IsDefined(Interpolation), Interpolation, nameof(Interpolation), "must be an Interpolation (Bilinear or Nearest)");
    }

    internal override IBatchAugmenter Create() => new RandomAffineAugmenter(this);
}
