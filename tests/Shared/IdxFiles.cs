using System.Buffers.Binary;
using System.IO.Compression;

namespace Ml.Cnn.Tests.Shared;

/// <summary>Writes small IDX files (big-endian header, then uint8 values), raw or gzip-compressed.</summary>
internal static class IdxFiles
{
    /// <summary>The bytes of a uint8 IDX file with the given dimensions and values.</summary>
    public static byte[] Encode(int[] dimensions, byte[] values, byte type = 0x08)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + values.Length];
        bytes[2] = type;
        bytes[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dimensions[i]);
        values.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal)) gzip.Write(raw);
        return buffer.ToArray();
    }

    /// <summary>Writes an image file (count × height × width) and returns its path.</summary>
    public static string WriteImages(string path, int count, int height, int width, byte[] pixels, bool gzip = false) =>
        Write(path, Encode([count, height, width], pixels), gzip);

    /// <summary>Writes a label file and returns its path.</summary>
    public static string WriteLabels(string path, byte[] labels, bool gzip = false) => Write(path, Encode([labels.Length], labels), gzip);

    public static string Write(string path, byte[] raw, bool gzip = false)
    {
        File.WriteAllBytes(path, gzip ? Gzip(raw) : raw);
        return path;
    }

    /// <summary>Pixels 0, 1, 2, ... wrapping at 256.</summary>
    public static byte[] Ramp(int count) => Enumerable.Range(0, count).Select(i => (byte)(i % 256)).ToArray();
}
