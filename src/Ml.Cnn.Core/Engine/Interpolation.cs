namespace Ml.Cnn.Engine;

/// <summary>How an affine augmentation reads the source image between pixel centers.</summary>
public enum Interpolation
{
    /// <summary>Bilinear: a weighted mean of the four nearest pixels. The default for photographs.</summary>
    Bilinear = 0,

    /// <summary>The nearest pixel (ties to even): exact for rotations by multiples of 90 degrees, flips and whole-pixel shifts.</summary>
    Nearest = 1,
}
