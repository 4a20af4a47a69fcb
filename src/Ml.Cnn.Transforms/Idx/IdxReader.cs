using System.Buffers.Binary;
using System.IO.Compression;

namespace Ml.Cnn.Transforms;

/// <summary>
/// Reads IDX files (the MNIST format), raw or gzip-compressed: a big-endian magic (0x0000 + type 0x08 for uint8 +
/// rank), one big-endian int32 per dimension, then the values. Magic, dimensions and length are checked, and damaged
/// gzip data (signature, deflate stream, CRC-32) is told apart from a damaged IDX header; nothing is allocated for a
/// declared size the file cannot hold.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Values are read in chunks of this size from gzip streams, whose real length is unknown until read.</summary>
    private const int Chunk = 16 << 20;

    /// <summary>Finds a split's file in a folder: the raw name or the name plus <c>.gz</c>.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="name">The raw file name, e.g. <c>train-images-idx3-ubyte</c>.</param>
    /// <exception cref="IdxFormatException">Neither file exists (the message says how to fetch Fashion-MNIST).</exception>
    public static string FindFile(string directory, string name)
    {
        var raw = Path.Combine(directory, name);
        if (File.Exists(raw)) return raw;
        if (File.Exists(raw + ".gz")) return raw + ".gz";
        throw new IdxFormatException(raw, $"file not found (nor {name}.gz). Run 'bash scripts/fetch-fashion-mnist.sh {directory}' for Fashion-MNIST.");
    }

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

    /// <summary>
    /// A warning when label values look wrong for class indices, or null: values missing between the smallest and the
    /// largest (sparse labels, e.g. 0..9 plus 200 and 255), or a largest value at least twice the class count. Every
    /// distinct value becomes a class, so the sentence gives the class count and the values far from the others.
    /// </summary>
    /// <param name="labels">The label values of a file.</param>
    public static string? LabelWarning(ReadOnlySpan<byte> labels)
    {
        if (labels.IsEmpty) return null;
        var counts = new int[256];
        foreach (var label in labels) counts[label]++;
        var present = Enumerable.Range(0, 256).Where(v => counts[v] > 0).ToArray();
        var (classes, min, max) = (present.Length, present[0], present[^1]);
        var gaps = max - min + 1 - classes;
        if (gaps == 0 && max < 2 * classes) return null;
        // Values beyond the first wide gap (wider than the class count) are the ones far from the rest.
        var cut = -1;
        for (var i = 1; i < present.Length && cut < 0; i++)
            if (present[i] - present[i - 1] > Math.Max(classes, 2)) cut = i;
        var far = cut < 0 ? [] : present[cut..];
        var described = far.Length == 0
            ? $"values between {min} and {max} with {gaps} missing"
            : $"{string.Join(", ", far.Take(5).Select(v => $"{v} ({counts[v]} rows)"))}{(far.Length > 5 ? ", ..." : "")} lie far from the others ({min}..{present[cut - 1]})";
        return $"the labels take {classes} distinct values ({described}); each value becomes a class, so the model gets {classes} classes. " +
               "Check the label file if that is not what you expect.";
    }

    /// <summary>Reads any uint8 IDX file of the given rank: its dimensions and values.</summary>
    /// <param name="path">The file, raw or .gz.</param>
    /// <param name="expectedRank">The rank the caller needs.</param>
    public static (int[] Dimensions, byte[] Values) Read(string path, int expectedRank)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new IdxFormatException(path, "file not found.");
        using var file = File.OpenRead(path);
        var gzip = IsGzip(path, file);
        using var stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        try
        {
            var (dims, values) = ReadBody(path, stream, expectedRank, gzip ? null : file.Length);
            if (gzip) CheckGzipTrailer(path, file, dims, values);
            return (dims, values);
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException(path,
                "the gzip data is damaged: its deflate stream or its CRC-32 check failed. Download the file again.", e);
        }
    }

    private static (int[], byte[]) ReadBody(string path, Stream stream, int expectedRank, long? rawLength)
    {
        Span<byte> header = stackalloc byte[4];
        if (ReadFully(stream, header) < 4) throw new IdxFormatException(path, "shorter than an IDX header (4 bytes).");
        if (header[0] != 0 || header[1] != 0)
            throw new IdxFormatException(path, $"wrong magic 0x{BinaryPrimitives.ReadUInt32BigEndian(header):X8}: not an IDX file.");
        if (header[2] != UnsignedByte)
            throw new IdxFormatException(path, $"value type 0x{header[2]:X2} is not supported; MlCnn reads uint8 (0x08) IDX files.");
        if (header[3] != expectedRank)
            throw new IdxFormatException(path, $"the header declares {header[3]} dimensions (magic 0x{BinaryPrimitives.ReadUInt32BigEndian(header):X8}), " +
                                               $"but this file must have {expectedRank}; the header is damaged or it is another kind of IDX file.");
        var dims = new int[expectedRank];
        Span<byte> dim = stackalloc byte[4];
        long total = 1;
        for (var i = 0; i < expectedRank; i++)
        {
            if (ReadFully(stream, dim) < 4) throw new IdxFormatException(path, "truncated in the dimension header.");
            var size = BinaryPrimitives.ReadUInt32BigEndian(dim);
            if (size == 0) throw new IdxFormatException(path, $"dimension {i} is 0; it must be positive.");
            if (size > int.MaxValue)
                throw new IdxFormatException(path, $"dimension {i} is {size} (0x{size:X8}), more than any IDX file holds: the header is damaged.");
            dims[i] = (int)size;
            total *= size;
            if (total > Array.MaxLength)
                throw new IdxFormatException(path, $"the header declares {string.Join(" x ", dims.Take(i + 1))} values, more than one array can hold: the header is damaged.");
        }
        var headerLength = 4 + 4L * expectedRank;
        if (rawLength is { } length && total > length - headerLength)
            throw new IdxFormatException(path, $"truncated: the header declares {total} values but the file holds {length - headerLength}. Download it again.");
        var values = ReadValues(path, stream, total);
        Span<byte> extra = stackalloc byte[1];
        if (ReadFully(stream, extra) > 0)
            throw new IdxFormatException(path, $"holds more data than the {total} values its header declares; the header or the file is wrong.");
        return (dims, values);
    }

    /// <summary>Reads exactly <paramref name="total"/> values, growing the buffer as data arrives (a damaged header costs no huge allocation).</summary>
    private static byte[] ReadValues(string path, Stream stream, long total)
    {
        var values = new byte[Math.Min(total, Chunk)];
        long read = 0;
        while (true)
        {
            var n = ReadFully(stream, values.AsSpan((int)read));
            read += n;
            if (read == total) return values;
            if (read < values.Length)
                throw new IdxFormatException(path, $"truncated: the header declares {total} values but the file holds {read}. Download it again.");
            Array.Resize(ref values, (int)Math.Min(total, (long)values.Length * 2));
        }
    }

    /// <summary>
    /// .NET's GZipStream ends quietly when the compressed data stops early, without checking the trailer; so the content
    /// read is checked here against the file's last 8 bytes: the CRC-32 and length (mod 2^32) of a single-member gzip file,
    /// as gzip writes it.
    /// </summary>
    private static void CheckGzipTrailer(string path, FileStream file, int[] dims, byte[] values)
    {
        Span<byte> header = stackalloc byte[4 + 4 * dims.Length];
        header[2] = UnsignedByte;
        header[3] = (byte)dims.Length;
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header[(4 + 4 * i)..], dims[i]);
        var crc = Crc32.Append(Crc32.Append(0, header), values);
        var length = (uint)(header.Length + values.LongLength);
        Span<byte> trailer = stackalloc byte[8];
        if (file.Length < 18) throw new IdxFormatException(path, "the gzip file is shorter than a gzip header and trailer (18 bytes): it is truncated.");
        file.Position = file.Length - 8;
        file.ReadExactly(trailer);
        if (BinaryPrimitives.ReadUInt32LittleEndian(trailer) != crc || BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) != length)
            throw new IdxFormatException(path,
                "the gzip data is truncated or damaged: the content read does not match the CRC-32 and length in the file's gzip trailer. Download the file again.");
    }

    /// <summary>Whether the file is gzip-compressed; a damaged gzip signature, or a .gz name without one, is an error.</summary>
    private static bool IsGzip(string path, FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var n = ReadFully(file, magic);
        file.Position = 0;
        if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b) return true;
        var start = n == 2 ? $"{magic[0]:x2} {magic[1]:x2}" : "fewer than 2 bytes";
        if (n >= 1 && magic[0] == 0x1f)
            throw new IdxFormatException(path, $"starts like a gzip file but with {start} instead of the signature 1f 8b: the gzip header is damaged. Download the file again.");
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            throw new IdxFormatException(path, $"is named .gz but starts with {start}, not the gzip signature 1f 8b: the file is damaged, or not compressed (then drop the .gz).");
        return false;
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
