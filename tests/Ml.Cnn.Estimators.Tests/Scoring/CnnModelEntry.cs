using System.IO.Compression;
using System.Security.Cryptography;

namespace Ml.Cnn.Estimators.Tests.Scoring;

/// <summary>
/// The zip entry that holds a CNN in a model <c>ml.Model.Save</c> wrote, and the CNN's own bytes inside it (magic
/// <c>MLCNNMOD</c>, body, SHA-256 of the body): read and rewritten in a valid zip, so only the readers of the entry see
/// the change.
/// </summary>
internal static class CnnModelEntry
{
    private static readonly byte[] Magic = "MLCNNMOD"u8.ToArray();

    /// <summary>The bytes of the entry that holds the CNN (ML.NET's header, the component, the CNN).</summary>
    public static byte[] ReadEntry(string zip) => Locate(zip).Bytes;

    /// <summary>Replaces the bytes of the entry that holds the CNN with <paramref name="bytes"/>, of any length.</summary>
    public static void WriteEntry(string zip, byte[] bytes)
    {
        var name = Locate(zip).Entry;
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Update);
        archive.GetEntry(name)!.Delete();
        using var stream = archive.CreateEntry(name).Open();
        stream.Write(bytes);
    }

    /// <summary>The CNN's bytes in the zip at <paramref name="zip"/>.</summary>
    public static byte[] Read(string zip)
    {
        var (_, bytes, at, length) = Locate(zip);
        return bytes[at..(at + length)];
    }

    /// <summary>Replaces the CNN's bytes with <paramref name="change"/>'s result, which must keep their length.</summary>
    public static void Rewrite(string zip, Func<byte[], byte[]> change)
    {
        var (_, bytes, at, length) = Locate(zip);
        var blob = change(bytes[at..(at + length)]);
        if (blob.Length != length) throw new ArgumentException($"The CNN bytes must keep their length ({length}), not {blob.Length}.");
        blob.CopyTo(bytes, at);
        WriteEntry(zip, bytes);
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
