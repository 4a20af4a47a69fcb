using System.Text;
using System.Text.Json;
using Ml.Cnn.Engine;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>
/// A training checkpoint, little-endian: magic <c>MLCNNCKP</c>, uint32 version, a JSON block (<see cref="CheckpointState"/>),
/// the network's state tensors, a block of optimizer state bytes, a flag and the best weights when early stopping keeps
/// them, and a SHA-256 of everything before it. Written to a temporary file, flushed to disk and renamed, so a process
/// killed mid-write leaves the previous checkpoint intact.
/// </summary>
internal static class CheckpointFile
{
    public const uint FormatVersion = 1;
    public const string Latest = "latest.ckpt";
    public const string Best = "best.ckpt";

    private static readonly byte[] Magic = "MLCNNCKP"u8.ToArray();

    /// <summary>Metrics may be NaN (e.g. AUC of a one-class validation set) or infinite.</summary>
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void Write(string path, CheckpointState state, Network network, Optimizer optimizer, WeightSnapshot? best)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        ModelFile.WriteBlock(writer, JsonSerializer.SerializeToUtf8Bytes(state, Json));
        ModelFile.WriteState(writer, network);
        ModelFile.WriteBlock(writer, optimizer.SaveState());
        writer.Write(best is not null);
        best?.Write(writer);
        writer.Flush();
        ModelFile.WriteAtomically(path, stream.ToArray(), "checkpoint");
    }

    /// <summary>Reads the state; loads the weights into <paramref name="network"/> and the optimizer state into <paramref name="optimizer"/>.</summary>
    public static (CheckpointState State, WeightSnapshot? Best) Read(string path, Network network, Optimizer optimizer)
    {
        var body = ModelFile.ReadVerified(path, Magic, "checkpoint");
        using var reader = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
        reader.ReadBytes(Magic.Length);
        var version = reader.ReadUInt32();
        if (version > FormatVersion)
            throw new ModelFileException(path, $"a checkpoint of a newer MlCnn (format {version}; this build reads up to {FormatVersion}).");
        try
        {
            var state = JsonSerializer.Deserialize<CheckpointState>(ModelFile.ReadBlock(reader), Json) ?? throw new FormatException("empty state");
            return (state, ReadWeights(reader, network, optimizer, path));
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or FormatException or ArgumentException or CnnNativeException)
        {
            throw new ModelFileException(path, $"unreadable checkpoint ({(e is CnnNativeException n ? n.NativeMessage : e.Message)}).", e);
        }
    }

    /// <summary>Only the JSON state (for checks and tools), after verifying the checksum.</summary>
    public static CheckpointState ReadState(string path)
    {
        var body = ModelFile.ReadVerified(path, Magic, "checkpoint");
        using var reader = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
        reader.ReadBytes(Magic.Length + 4);
        try
        {
            return JsonSerializer.Deserialize<CheckpointState>(ModelFile.ReadBlock(reader), Json) ?? throw new FormatException("empty state");
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException or FormatException)
        {
            throw new ModelFileException(path, $"unreadable checkpoint ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Creates the folder if needed and proves, before training starts, that it accepts new files and that
    /// <see cref="Latest"/> and <see cref="Best"/> can be written there (not folders, device nodes or write-protected files).
    /// </summary>
    public static void CheckWritable(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            AtomicFile.CheckWritable(Path.Combine(directory, Latest), "checkpoint");
            AtomicFile.CheckWritable(Path.Combine(directory, Best), "best-model checkpoint");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new IOException($"CheckpointDirectory '{directory}' cannot be written ({e.Message}). Choose a writable folder.", e);
        }
    }

    private static WeightSnapshot? ReadWeights(BinaryReader reader, Network network, Optimizer optimizer, string path)
    {
        ModelFile.ReadState(reader, network, path);
        optimizer.LoadState(ModelFile.ReadBlock(reader));
        return reader.ReadBoolean() ? WeightSnapshot.Read(reader) : null;
    }
}
