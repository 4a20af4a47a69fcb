using System.IO.Compression;
using System.Security.Cryptography;

namespace Ml.Cnn.Estimators.Tests.Scoring;

/// <summary>
/// The CNN's own bytes (magic <c>MLCNNMOD</c>, body, SHA-256 of the body) inside a model zip that <c>ml.Model.Save</c>
/// wrote: found, replaced by bytes of the same length, and written back, so only the CNN's reader sees the change.
/// </summary>
internal static class CnnModelEntry
{
    private static readonly byte[] Magic = "MLCNNMOD"u8.ToArray();

    /// <summary>The CNN bytes in the zip at <paramref name="zip"/>.</summary>
    public static byte[] Read(string zip)
    {
        var (_, bytes, at, length) = Locate(zip);
        return bytes[at..(at + length)];
    }

    /// <summary>Replaces the CNN bytes with <paramref name="change"/>'s result, which must keep their length.</summary>
    public static void Rewrite(string zip, Func<byte[], byte[]> change)
    {
        var (name, bytes, at, length) = Locate(zip);
        var blob = change(bytes[at..(at + length)]);
        if (blob.Length != length) throw new ArgumentException($"The CNN bytes must keep their length ({length}), not {blob.Length}.");
        blob.CopyTo(bytes, at);
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Update);
        archive.GetEntry(name)!.Delete();
        using var stream = archive.CreateEntry(name).Open();
        stream.Write(bytes);
    }

    /// <summary>The body with a freshly computed SHA-256 trailer, so the checksum passes and the parser sees the body.</summary>
    public static byte[] Sign(byte[] blob)
    {
        var body = blob[..^32];
        return [.. body, .. SHA256.HashData(body)];
    }

    private static (string Entry, byte[] Bytes, int At, int Length) Locate(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var at = bytes.AsSpan().IndexOf(Magic);
            if (at >= 4) return (entry.FullName, bytes, at, BitConverter.ToInt32(bytes, at - 4));
        }
        throw new InvalidOperationException($"No CNN in {zip}.");
    }
}
