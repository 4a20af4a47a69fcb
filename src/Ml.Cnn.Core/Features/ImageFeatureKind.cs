namespace Ml.Cnn.Features;

/// <summary>The kinds of image column the CNN trainers and models read.</summary>
public enum ImageFeatureKind
{
    /// <summary>
    /// A variable-size <c>Vector&lt;Byte&gt;</c> of encoded files (PNG, JPEG, BMP, GIF), as <c>LoadRawImageBytes</c> makes:
    /// decoded natively, in parallel, and resized to the image size of the trainer's options. The fast path.
    /// </summary>
    EncodedBytes,

    /// <summary>
    /// A known-size <c>Vector&lt;Single&gt;</c> or <c>Vector&lt;Byte&gt;</c> of pixel values 0..255 with dimensions C×H×W,
    /// H×W×C or H×W, as <c>ExtractPixels</c> makes without scaling.
    /// </summary>
    Pixels,

    /// <summary>An <c>MLImage</c> column, as <c>LoadImages</c> and <c>ResizeImages</c> make.</summary>
    Image,
}
