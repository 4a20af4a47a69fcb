using Ml.Cnn.Native;

namespace Ml.Cnn.Engine;

/// <summary>
/// Decodes PNG, JPEG, BMP and GIF images into CHW uint8 pixels (channel planes, then rows, then columns), resizes them,
/// and writes PNG files, in libmlcnn with stb_image (Debian's libstb-dev). Thread-safe.
/// </summary>
/// <remarks>
/// Colors convert as stb_image converts them: gray to RGB(A) replicates the gray value; RGB(A) to gray is
/// (77·R + 150·G + 29·B) &gt;&gt; 8 (not PIL's ITU-R 601 weights); a missing alpha channel reads as 255; an alpha channel
/// that is not asked for is dropped, not composited; palettes are expanded; 16-bit PNGs keep their high byte; a GIF gives
/// its first frame. PNG, BMP and GIF pixels equal PIL's; JPEG pixels differ from libjpeg's (PIL's) by a few levels because
/// the inverse DCTs differ. Other formats (TGA, PSD, PNM, ...) are rejected, and so are truncated files (never decoded
/// with missing rows filled in).
/// <para>
/// What a decode detects (every failure is one <see cref="CnnNativeException"/> naming the format, size and reason):
/// PNG: every chunk's CRC-32 up to IEND, so any damage to the compressed pixels is detected (short of a 2^-32 CRC
/// collision), and truncation. JPEG: truncation (stb_image requires the markers up to end-of-image); damaged entropy-coded
/// data only when it breaks Huffman decoding, otherwise it decodes as damaged blocks (JPEG has no checksum). BMP:
/// truncation (the header's file size); garbage in uncompressed pixel bytes cannot be detected (every byte is a valid
/// pixel). GIF: truncation of the first frame; damaged LZW data only when its codes are invalid. Images too large for
/// stb_image (over 2^24 pixels per side, or pixels over 2 GiB) are reported as too large. <see cref="Info"/> reads the
/// header only, so it detects none of the pixel-data damage.
/// </para>
/// </remarks>
public static unsafe class ImageCodec
{
    /// <summary>True when libmlcnn was built with stb_image; otherwise every other member throws <see cref="CnnNativeException"/>.</summary>
    public static bool Available
    {
        get
        {
            NativeCheck.Check(NativeMethods.IoAvailable(out var available), "asking whether image decoding is available");
            return available != 0;
        }
    }

    /// <summary>Reads the size and channel count stored in an encoded image without decoding its pixels.</summary>
    /// <param name="encoded">The bytes of a PNG, JPEG, BMP or GIF file.</param>
    /// <returns>
    /// The width and height in pixels and the channels the file stores: 1 gray, 2 gray with alpha, 3 RGB, 4 RGBA
    /// (paletted PNGs report 3, or 4 with transparency; every GIF reports 4).
    /// </returns>
    /// <exception cref="CnnNativeException">The bytes are empty, not one of the four formats, or a corrupt header; the message says which.</exception>
    public static (int Width, int Height, int Channels) Info(ReadOnlySpan<byte> encoded)
    {
        fixed (byte* data = encoded)
        {
            NativeCheck.Check(NativeMethods.IoInfo(data, encoded.Length, out var width, out var height, out var channels),
                $"reading the header of a {encoded.Length}-byte image");
            return (width, height, channels);
        }
    }

    /// <summary>Decodes an image, converts it to <paramref name="shape"/>'s channels and resizes it to its height and width.</summary>
    /// <param name="encoded">The bytes of a PNG, JPEG, BMP or GIF file.</param>
    /// <param name="shape">The output: <see cref="ImageShape.Channels"/> is the color mode (1 gray, 3 RGB, 4 RGBA), height and width the size.</param>
    /// <param name="resize">How the image is fitted to the size; see <see cref="ResizeMode"/>.</param>
    /// <param name="destination">Receives the CHW pixels; exactly <see cref="ImageShape.Size"/> bytes.</param>
    /// <exception cref="ArgumentException">The shape is not positive, its channels are not 1, 3 or 4, the mode is unknown, or
    /// <paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="CnnNativeException">The image cannot be decoded (empty, not a supported format, corrupt or truncated); the message says why.</exception>
    public static void Decode(ReadOnlySpan<byte> encoded, ImageShape shape, ResizeMode resize, Span<byte> destination)
    {
        shape.Validate();
        CheckChannels(shape.Channels, nameof(shape));
        if (!Enum.IsDefined(resize)) throw new ArgumentOutOfRangeException(nameof(resize), resize, "Unknown resize mode.");
        if (destination.Length != shape.Size)
            throw new ArgumentException($"The destination holds {destination.Length} bytes but an image of {shape} needs {shape.Size}.",
                nameof(destination));
        Decode(encoded, shape.Channels, shape.Height, shape.Width, (int)resize, destination);
    }

    /// <summary>Decodes an image at its own size.</summary>
    /// <param name="encoded">The bytes of a PNG, JPEG, BMP or GIF file.</param>
    /// <param name="channels">The color mode of the result: 1 gray, 3 RGB, 4 RGBA.</param>
    /// <returns>The image's shape and its CHW pixels.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="channels"/> is not 1, 3 or 4.</exception>
    /// <exception cref="CnnNativeException">The image cannot be decoded (empty, not a supported format, corrupt, truncated or too large); the message says why.</exception>
    public static (ImageShape Shape, byte[] Pixels) Decode(ReadOnlySpan<byte> encoded, int channels)
    {
        CheckChannels(channels, nameof(channels));
        var (width, height, _) = Info(encoded);
        if ((long)channels * width * height > Array.MaxLength)
            throw new CnnNativeException($"decoding a {encoded.Length}-byte image",
                $"the image is {width}x{height} pixels; {channels} channel(s) of it need more bytes than one array holds (too large to decode)");
        var shape = new ImageShape(channels, height, width);
        var pixels = new byte[shape.Size];
        Decode(encoded, channels, 0, 0, (int)ResizeMode.Bilinear, pixels);
        return (shape, pixels);
    }

    /// <summary>Writes CHW pixels as a PNG file, through <see cref="AtomicFile"/> (replacing an existing regular file).</summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="chw">The pixels, exactly <see cref="ImageShape.Size"/> bytes.</param>
    /// <param name="shape">The image's shape; 1, 3 or 4 channels (gray, RGB, RGBA).</param>
    /// <exception cref="ArgumentException">The path is empty, the shape is not positive or has other channel counts, or
    /// <paramref name="chw"/> has the wrong length.</exception>
    /// <exception cref="IOException">The file cannot be written (see <see cref="AtomicFile.Write"/>); the message names the path and the reason.</exception>
    public static void WritePng(string path, ReadOnlySpan<byte> chw, ImageShape shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var png = EncodePng(chw, shape);
        AtomicFile.Write(path, "PNG image", stream => stream.Write(png));
    }

    /// <summary>Encodes CHW pixels as the bytes of a PNG file.</summary>
    /// <param name="chw">The pixels, exactly <see cref="ImageShape.Size"/> bytes.</param>
    /// <param name="shape">The image's shape; 1, 3 or 4 channels (gray, RGB, RGBA).</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentException">The shape is not positive or has other channel counts, or <paramref name="chw"/> has the wrong length.</exception>
    public static byte[] EncodePng(ReadOnlySpan<byte> chw, ImageShape shape)
    {
        shape.Validate();
        CheckChannels(shape.Channels, nameof(shape));
        if (chw.Length != shape.Size)
            throw new ArgumentException($"{chw.Length} pixels given for an image of {shape} ({shape.Size} bytes).", nameof(chw));
        fixed (byte* pixels = chw)
        {
            var png = new byte[shape.Size + shape.Height * 6 + 1024];
            for (var attempt = 0; attempt < 2; attempt++)
            {
                long size;
                fixed (byte* output = png)
                    NativeCheck.Check(NativeMethods.IoEncodePng(pixels, shape.Channels, shape.Height, shape.Width, output, png.Length, out size),
                        $"encoding a {shape} PNG");
                if (size <= png.Length) return png.AsSpan(0, (int)size).ToArray();
                png = new byte[size];
            }
            throw new InvalidOperationException($"The PNG encoder's size changed between two calls for a {shape} image.");
        }
    }

    private static void Decode(ReadOnlySpan<byte> encoded, int channels, int height, int width, int resize, Span<byte> destination)
    {
        fixed (byte* data = encoded)
        fixed (byte* output = destination)
        {
            NativeCheck.Check(NativeMethods.IoDecode(data, encoded.Length, channels, height, width, resize, output, destination.Length),
                $"decoding a {encoded.Length}-byte image");
        }
    }

    private static void CheckChannels(int channels, string parameter)
    {
        if (channels is not (1 or 3 or 4))
            throw new ArgumentOutOfRangeException(parameter, channels, "Images have 1 (gray), 3 (RGB) or 4 (RGBA) channels.");
    }
}
