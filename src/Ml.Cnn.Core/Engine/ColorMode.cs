using Ml.Cnn.Engine;
namespace Ml.Cnn.Engine;

/// <summary>
/// The channels images are decoded to. The value is the channel count. Files whose channels differ are converted by the
/// decoder as stb_image converts: gray to RGB replicates the gray value, gray to RGBA adds an opaque alpha, RGB to gray takes
/// the luma (77·R + 150·G + 29·B) / 256, RGBA to RGB drops the alpha (no blending), RGB to RGBA adds an opaque alpha.
/// </summary>
public enum ColorMode
{
    /// <summary>One channel (grayscale).</summary>
    Gray = 1,

    /// <summary>Three channels: red, green, blue.</summary>
    Rgb = 3,

    /// <summary>Four channels: red, green, blue, alpha.</summary>
    Rgba = 4,
}
