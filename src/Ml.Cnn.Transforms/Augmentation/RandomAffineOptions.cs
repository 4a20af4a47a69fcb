using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms;

/// <summary>
/// Random geometric transforms drawn per image and applied as one resampling, with Keras' ImageDataGenerator semantics:
/// rotation, shifts, shear, zoom and flips.
/// </summary>
public sealed class RandomAffineOptions
{
    /// <summary>Rotation drawn uniformly in [-r, r] degrees (positive turns content counter-clockwise).</summary>
    /// <value>Default 0.</value>
    public double RotationDegrees { get; set; }

    /// <summary>Horizontal shift drawn in [-s, s]: a fraction of the width when below 1, else pixels (as Keras).</summary>
    /// <value>Default 0.</value>
    public double WidthShift { get; set; }

    /// <summary>Vertical shift drawn in [-s, s]: a fraction of the height when below 1, else pixels.</summary>
    /// <value>Default 0.</value>
    public double HeightShift { get; set; }

    /// <summary>Zoom factors drawn in [1 - z, 1 + z] per axis (Keras: below 1 magnifies).</summary>
    /// <value>Default 0.</value>
    public double Zoom { get; set; }

    /// <summary>Shear angle drawn in [-s, s] degrees.</summary>
    /// <value>Default 0.</value>
    public double ShearDegrees { get; set; }

    /// <summary>Probability of a horizontal flip.</summary>
    /// <value>Default 0.</value>
    public double HorizontalFlip { get; set; }

    /// <summary>Probability of a vertical flip.</summary>
    /// <value>Default 0.</value>
    public double VerticalFlip { get; set; }

    /// <summary>How points outside the image are filled.</summary>
    /// <value>Default <see cref="FillMode.Nearest"/> (Keras' default).</value>
    public FillMode Fill { get; set; } = FillMode.Nearest;

    /// <summary>The value in [0, 1] of <see cref="FillMode.Constant"/>.</summary>
    /// <value>Default 0.</value>
    public float FillValue { get; set; }

    /// <summary>How pixels are resampled.</summary>
    /// <value>Default <see cref="Interpolation.Bilinear"/>.</value>
    public Interpolation Interpolation { get; set; } = Interpolation.Bilinear;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Check(RotationDegrees is >= 0 and <= 180, nameof(RotationDegrees), "must lie in [0, 180]");
        Check(WidthShift >= 0 && double.IsFinite(WidthShift), nameof(WidthShift), "must be >= 0");
        Check(HeightShift >= 0 && double.IsFinite(HeightShift), nameof(HeightShift), "must be >= 0");
        Check(Zoom is >= 0 and < 1, nameof(Zoom), "must lie in [0, 1)");
        Check(ShearDegrees is >= 0 and < 90, nameof(ShearDegrees), "must lie in [0, 90)");
        Check(HorizontalFlip is >= 0 and <= 1, nameof(HorizontalFlip), "is a probability in [0, 1]");
        Check(VerticalFlip is >= 0 and <= 1, nameof(VerticalFlip), "is a probability in [0, 1]");
        Check(Enum.IsDefined(Fill), nameof(Fill), "is not a fill mode");
        Check(FillValue is >= 0 and <= 1, nameof(FillValue), "must lie in [0, 1]");
        Check(Enum.IsDefined(Interpolation), nameof(Interpolation), "is not an interpolation");
    }

    internal static void Check(bool ok, string option, string rule)
    {
        if (!ok) throw new ArgumentException($"Option {option} {rule}.", option);
    }
}
