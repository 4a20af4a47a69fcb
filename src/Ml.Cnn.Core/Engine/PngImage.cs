namespace Ml.Cnn.Engine;

/// <summary>
/// A PNG picture made by MlCnn (an augmentation preview, an image of the data): its file bytes and size. In a notebook
/// with the Ml.Cnn.Interactive extension it displays as the image; elsewhere <see cref="Save"/> writes it.
/// </summary>
public sealed class PngImage
{
    private readonly byte[] _bytes;

    /// <summary>Encodes CHW pixels as a PNG.</summary>
    /// <param name="chw">The pixels, exactly <see cref="ImageShape.Size"/> bytes.</param>
    /// <param name="shape">The image's shape; 1, 3 or 4 channels (gray, RGB, RGBA).</param>
    /// <exception cref="ArgumentException">The shape is not positive or has other channel counts, or <paramref name="chw"/> has the wrong length.</exception>
    public PngImage(ReadOnlySpan<byte> chw, ImageShape shape)
    {
        _bytes = ImageCodec.EncodePng(chw, shape);
        Shape = shape;
    }

    /// <summary>The image's channels, height and width.</summary>
    public ImageShape Shape { get; }

    /// <summary>The PNG file's bytes (a copy).</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>The image as a <c>data:image/png;base64,...</c> URI, for an HTML <c>img</c> element.</summary>
    public string ToDataUri() => "data:image/png;base64," + Convert.ToBase64String(_bytes);

    /// <summary>Writes the PNG file through <see cref="AtomicFile"/> (replacing an existing regular file).</summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <exception cref="IOException">The file cannot be written; the message names the path and the reason.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.Write(path, "PNG image", stream => stream.Write(_bytes));
    }
}
