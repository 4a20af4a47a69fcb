using Ml.Cnn.Legacy;
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

    public static WeightSnapshot Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 0) throw new FormatException($"a tensor count of {count}");
        var tensors = new List<(string, long[], float[])>(count);
        for (var i = 0; i < count; i++)
        {
            var name = Encoding.UTF8.GetString(ModelFile.ReadBlock(reader));
            var shape = new long[reader.ReadInt32()];
            for (var d = 0; d < shape.Length; d++) shape[d] = reader.ReadInt64();
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (var v = 0; v < values.Length; v++) values[v] = reader.ReadSingle();
            tensors.Add((name, shape, values));
        }
        return new WeightSnapshot(tensors);
    }
}
