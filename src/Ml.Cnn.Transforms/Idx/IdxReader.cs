using Ml.Cnn.Legacy;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Ml.Cnn.Transforms;

/// <summary>
/// Reads IDX files (the MNIST format), raw or gzip-compressed: a big-endian magic (0x0000 + type 0x08 for uint8 +
/// rank), one big-endian int32 per dimension, then the values. Magic, dimensions and length are checked.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads an image file (rank 3: count × height × width) as grayscale images.</summary>
    /// <param name="path">The file, raw or .gz.</param>
    public static (ImageShape Shape, byte[] Pixels) ReadImages(string path)
    {
        var (dims, data) = Read(path, expectedRank: 3);
        return (new ImageShape(1, dims[1], dims[2]), data);
    }

    /// <summary>Reads a label file (rank 1), checking every label is below <paramref name="classCount"/>.</summary>
    /// <param name="path">The file, raw or .gz.</param>
    /// <param name="classCount">Labels must lie in 0..classCount-1.</param>
    public static byte[] ReadLabels(string path, int classCount = 256)
    {
        var (_, data) = Read(path, expectedRank: 1);
        for (var i = 0; i < data.Length; i++)
            if (data[i] >= classCount)
                throw new IdxFormatException(path, $"label {data[i]} at row {i} is outside 0..{classCount - 1}.");
        return data;
    }

    /// <summary>Reads any uint8 IDX file of the given rank: its dimensions and values.</summary>
    /// <param name="path">The file, raw or .gz.</param>
    /// <param name="expectedRank">The rank the caller needs.</param>
    public static (int[] Dimensions, byte[] Values) Read(string path, int expectedRank)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new IdxFormatException(path, "file not found.");
        using var file = File.OpenRead(path);
        using var stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        try
        {
            return ReadBody(path, stream, expectedRank);
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException(path, $"corrupt gzip data ({e.Message}). Download the file again.");
        }
    }

    private static (int[], byte[]) ReadBody(string path, Stream stream, int expectedRank)
    {
        Span<byte> header = stackalloc byte[4];
        if (ReadFully(stream, header) < 4) throw new IdxFormatException(path, "shorter than an IDX header (4 bytes).");
        if (header[0] != 0 || header[1] != 0)
            throw new IdxFormatException(path, $"wrong magic 0x{BinaryPrimitives.ReadUInt32BigEndian(header):X8}: not an IDX file.");
        if (header[2] != UnsignedByte)
            throw new IdxFormatException(path, $"value type 0x{header[2]:X2} is not supported; MlCnn reads uint8 (0x08) IDX files.");
        if (header[3] != expectedRank)
            throw new IdxFormatException(path, $"has {header[3]} dimensions, expected {expectedRank}.");
        var dims = new int[expectedRank];
        Span<byte> dim = stackalloc byte[4];
        long total = 1;
        for (var i = 0; i < expectedRank; i++)
        {
            if (ReadFully(stream, dim) < 4) throw new IdxFormatException(path, "truncated in the dimension header.");
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(dim);
            if (dims[i] <= 0) throw new IdxFormatException(path, $"dimension {i} is {dims[i]}; it must be positive.");
            total *= dims[i];
        }
        if (total > Array.MaxLength) throw new IdxFormatException(path, $"declares {total} values, more than one array can hold.");
        var values = new byte[total];
        var read = ReadFully(stream, values);
        if (read < total)
            throw new IdxFormatException(path, $"truncated: the header declares {total} values but the file holds {read}. Download it again.");
        Span<byte> extra = stackalloc byte[1];
        if (ReadFully(stream, extra) > 0)
            throw new IdxFormatException(path, $"holds more data than the {total} values its header declares; the header or the file is wrong.");
        return (dims, values);
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var n = file.Read(magic);
        file.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
