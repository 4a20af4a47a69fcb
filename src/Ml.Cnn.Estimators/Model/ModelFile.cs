using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>
/// The CNN's bytes inside an ML.NET model zip, little-endian: magic <c>MLCNNMOD</c>, uint32 format version, int32
/// length + UTF-8 JSON metadata, int32 tensor count, then per tensor (int32 length + UTF-8 name, int32 rank, int64 dims,
/// float32 values), and a SHA-256 of everything before it. Weights are stored from CPU copies, so a model trained on GPU
/// loads on CPU. The format version also versions the layer-spec grammar stored in the metadata (native/src/spec.cpp):
/// a change to either bumps it.
/// </summary>
internal static class ModelFile
{
    /// <summary>The format version this build writes.</summary>
    public const uint FormatVersion = 3;

    private static readonly byte[] Magic = "MLCNNMOD"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The bytes of the model, to embed in an ML.NET model zip.</summary>
    /// <param name="model">The model.</param>
    internal static byte[] ToBytes(CnnModel model)
    {
        var body = Serialize(model);
        return [.. body, .. SHA256.HashData(body)];
    }

    /// <summary>Checks and reads the bytes of a model file; <paramref name="source"/> names where they came from in errors.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="source">A path, or a description such as "the CNN in model.zip".</param>
    /// <param name="device">Where to run the model.</param>
    internal static CnnModel FromBytes(byte[] bytes, string source, ComputeDevice device)
    {
        if (bytes.Length < Magic.Length + 4 + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new ModelFileException(source, "not an MlCnn model file (wrong magic).");
        var version = BitConverter.ToUInt32(bytes, Magic.Length);
        if (version > FormatVersion)
            throw new ModelFileException(source, $"written by a newer MlCnn (format {version}; this build reads {FormatVersion}). Upgrade MlCnn.");
        if (version < FormatVersion)
            throw new ModelFileException(source, $"written by an earlier MlCnn (format {version}; this build reads {FormatVersion}). Retrain the model with this version.");
        var body = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
            throw new ModelFileException(source, "checksum mismatch: the file is corrupt or truncated. Use another copy or retrain.");
        try
        {
            return Deserialize(source, body.ToArray(), device);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or FormatException or ArgumentException or CnnNativeException)
        {
            throw new ModelFileException(source, $"unreadable model content ({(e is CnnNativeException n ? n.NativeMessage : e.Message)}).", e);
        }
    }

    private static byte[] Serialize(CnnModel model)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        WriteBlock(writer, JsonSerializer.SerializeToUtf8Bytes(model.Metadata, Json));
        WriteState(writer, model.Network);
        writer.Flush();
        return stream.ToArray();
    }

    private static CnnModel Deserialize(string path, byte[] body, ComputeDevice device)
    {
        using var reader = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
        reader.ReadBytes(Magic.Length + 4);
        var metadata = JsonSerializer.Deserialize<ModelMetadata>(ReadBlock(reader), Json)
            ?? throw new FormatException("empty metadata");
        if (metadata.Outputs < 1) throw new FormatException($"the metadata gives {metadata.Outputs} outputs");
        if (metadata.Architecture is null || metadata.Spec is null || metadata.Summary is null || metadata.Labels is null || metadata.Mean is null || metadata.Std is null ||
            metadata.ImageColumnName is null || metadata.Input.Channels < 1 || metadata.Input.Height < 1 || metadata.Input.Width < 1 ||
            (long)metadata.Input.Channels * metadata.Input.Height * metadata.Input.Width > 1 << 28)
            throw new FormatException("the metadata lacks a field or gives an impossible input shape");
        var network = Network.Create(metadata.Spec, device);
        try
        {
            network.SetInputPreprocessing(metadata.PixelScale, metadata.Mean, metadata.Std);
            ReadState(reader, network, path);
            // One prediction on a blank image proves that the network takes the stored input shape and gives the stored
            // output count, so a file that passes here cannot fail later on its own metadata.
            network.Predict(new byte[metadata.Input.Size], 1, metadata.Input, OutputHead.Identity, new float[metadata.Outputs]);
            return CnnModel.Create(network, metadata, history: null);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Writes every named state tensor of the network: count, then (name, rank, dims, float32 values) each.</summary>
    internal static void WriteState(BinaryWriter writer, Network network) => WeightSnapshot.Capture(network).Write(writer);

    /// <summary>Reads what <see cref="WriteState"/> wrote into the network; a missing tensor names <paramref name="path"/>.</summary>
    internal static void ReadState(BinaryReader reader, Network network, string path)
    {
        var expected = new HashSet<string>(network.StateNames);
        var snapshot = WeightSnapshot.Read(reader);
        foreach (var name in snapshot.Names) expected.Remove(name);
        if (expected.Count > 0)
            throw new ModelFileException(path, $"missing weights for {string.Join(", ", expected)}.");
        snapshot.Restore(network);
    }

    /// <summary>Writes bytes and their SHA-256 trailer atomically (see <see cref="AtomicFile"/>).</summary>
    internal static void WriteAtomically(string path, byte[] bytes, string what) => AtomicFile.Write(path, what, stream =>
    {
        stream.Write(bytes);
        stream.Write(SHA256.HashData(bytes));
    });

    /// <summary>Reads a file written by <see cref="WriteAtomically"/> and returns its body after checking magic and checksum.</summary>
    internal static byte[] ReadVerified(string path, byte[] magic, string what)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, "file not found.");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < magic.Length + 4 + 32 || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
            throw new ModelFileException(path, $"not an MlCnn {what} file (wrong magic).");
        var body = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
            throw new ModelFileException(path, "checksum mismatch: the file is corrupt or truncated. Use another copy or retrain.");
        return body.ToArray();
    }

    internal static void WriteBlock(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    internal static byte[] ReadBlock(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new FormatException($"a block length of {length} bytes runs past the end of the file");
        return reader.ReadBytes(length);
    }
}
