using System.Buffers.Binary;

namespace Ml.Cnn.Transforms.Tests.Images;

/// <summary>Writes 24-bit uncompressed BMP files (bottom-up rows of B, G, R, each row padded to 4 bytes) from CHW RGB pixels.</summary>
internal static class BmpFile
{
    public static string Write(string path, ImageShape shape, byte[] chw)
    {
        Assert.Equal(3, shape.Channels);
        var (h, w) = (shape.Height, shape.Width);
        var stride = (3 * w + 3) & ~3;
        var bytes = new byte[54 + stride * h];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), w);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), h);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(34), stride * h);
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        {
            var at = 54 + (h - 1 - y) * stride + 3 * x;
            for (var c = 0; c < 3; c++) bytes[at + 2 - c] = chw[(c * h + y) * w + x];
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Writes an image whose pixels are all <paramref name="rgb"/>.</summary>
    public static string WriteSolid(string path, int height, int width, (byte R, byte G, byte B) rgb) =>
        Write(path, new ImageShape(3, height, width), TestImages.Solid(new ImageShape(3, height, width), [rgb.R, rgb.G, rgb.B]));
}
