using System.Text;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Model;

/// <summary>A copy of a network's named state tensors in managed memory (best weights for early stopping, checkpoints).</summary>
internal sealed class WeightSnapshot
{
    private readonly List<(string Name, long[] Shape, float[] Values)> _tensors;

    private WeightSnapshot(List<(string, long[], float[])> tensors) => _tensors = tensors;

    public IEnumerable<string> Names => _tensors.Select(t => t.Name);

    public static WeightSnapshot Capture(Network network)
    {
        var tensors = new List<(string, long[], float[])>();
        foreach (var name in network.StateNames)
        {
            using var tensor = network.GetState(name);
            tensors.Add((name, tensor.Shape, tensor.ToArray()));
        }
        return new WeightSnapshot(tensors);
    }

    public void Restore(Network network)
    {
        foreach (var (name, shape, values) in _tensors)
        {
            using var tensor = Tensor.FromArray(values, shape);
            network.SetState(name, tensor);
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_tensors.Count);
        foreach (var (name, shape, values) in _tensors)
        {
            ModelFile.WriteBlock(writer, Encoding.UTF8.GetBytes(name));
            writer.Write(shape.Length);
            foreach (var d in shape) writer.Write(d);
            foreach (var v in values) writer.Write(v);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; counts and shapes that the remaining bytes cannot hold are a <see cref="FormatException"/>, never a huge allocation.</summary>
    public static WeightSnapshot Read(BinaryReader reader)
    {
        long Remaining() => reader.BaseStream.Length - reader.BaseStream.Position;
        var count = reader.ReadInt32();
        if (count < 0 || count > Remaining()) throw new FormatException($"a tensor count of {count}");
        var tensors = new List<(string, long[], float[])>(count);
        for (var i = 0; i < count; i++)
        {
            var name = Encoding.UTF8.GetString(ModelFile.ReadBlock(reader));
            var rank = reader.ReadInt32();
            if (rank is < 0 or > 8) throw new FormatException($"tensor '{name}' has rank {rank}");
            var shape = new long[rank];
            var size = 1L;
            for (var d = 0; d < shape.Length; d++)
            {
                shape[d] = reader.ReadInt64();
                if (shape[d] < 0 || shape[d] > Remaining()) throw new FormatException($"tensor '{name}' has a dimension of {shape[d]}");
                size *= shape[d];
                if (size * sizeof(float) > Remaining()) throw new FormatException($"tensor '{name}' declares more values than the file holds");
            }
            var values = new float[size];
            for (var v = 0; v < values.Length; v++) values[v] = reader.ReadSingle();
            tensors.Add((name, shape, values));
        }
        return new WeightSnapshot(tensors);
    }
}
