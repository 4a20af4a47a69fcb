namespace Ml.Cnn.Engine;

/// <summary>
/// How <see cref="ImageCodec"/> fits a decoded image to the requested height and width. Every mode leaves an image that
/// already has the requested size unchanged. Pixel centers sit at i + 0.5 (align_corners = false, as PIL and torchvision).
/// </summary>
public enum ResizeMode
{
    /// <summary>
    /// Stretches to the target size (the aspect ratio may change) with bilinear interpolation that antialiases when
    /// shrinking: libtorch's interpolate(bilinear, align_corners = false, antialias = true), rounded half to even.
    /// This matches PIL's <c>Image.BILINEAR</c> and torchvision's <c>Resize(antialias=True)</c> within one level.
    /// </summary>
    Bilinear = 0,

    /// <summary>
    /// Stretches to the target size by picking, for output pixel (i, j), source pixel
    /// (floor((i + 0.5) · h / H), floor((j + 0.5) · w / W)) exactly (torch's "nearest-exact"). No new values appear,
    /// which suits masks and label images.
    /// </summary>
    Nearest = 1,

    /// <summary>
    /// Keeps the aspect ratio: scales the image (as <see cref="Bilinear"/>) until it covers the target, so one side equals
    /// the target's and the other is floor(side · scale) ≥ the target's, then cuts the centered window (offsets rounded
    /// down). Content beyond the target's aspect ratio is lost; for square targets this is torchvision's
    /// <c>Resize(s)</c> followed by <c>CenterCrop(s)</c> up to that rounding.
    /// </summary>
    CenterCrop = 2,
}
