namespace Ml.Cnn.Transforms;

/// <summary>The CRC-32 of gzip (ISO 3309, reflected, polynomial 0xEDB88320), for checking a gzip file's trailer.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>Continues a CRC over more bytes; start with 0.</summary>
    /// <param name="crc">The CRC of the bytes so far (0 for none).</param>
    /// <param name="data">The next bytes.</param>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var c = ~crc;
        foreach (var b in data) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        return ~c;
    }
}
