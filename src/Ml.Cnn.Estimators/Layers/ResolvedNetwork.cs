using System.Globalization;
using System.Text;

namespace Ml.Cnn.Layers;

/// <summary>A network definition resolved for one input shape: per-layer shapes and parameters, and the native spec.</summary>
/// <param name="Name">The definition's name.</param>
/// <param name="Input">The image shape.</param>
/// <param name="Layers">The resolved layers, input first.</param>
public sealed record ResolvedNetwork(string Name, ImageShape Input, IReadOnlyList<ResolvedLayer> Layers)
{
    /// <summary>The spec the native side builds: one layer per line.</summary>
    public string Spec => string.Join('\n', Layers.Select(l => l.Spec));

    /// <summary>Trainable parameter values.</summary>
    public long TrainableParameters => Layers.Sum(l => l.TrainableParameters);

    /// <summary>Non-trainable values (BatchNorm running statistics).</summary>
    public long NonTrainableParameters => Layers.Sum(l => l.NonTrainableParameters);

    /// <summary>Number of output classes.</summary>
    public int Classes => Layers[^1].Output.Channels;

    /// <summary>The Keras-like table: layer, output shape, parameters; then total / trainable / non-trainable.</summary>
    public string Summary()
    {
        var rows = Layers.Select((l, i) => (Name: $"{l.TypeName.ToLowerInvariant()}_{i + 1} ({l.TypeName})",
            Shape: l.Output.ToString(), Params: Count(l.TrainableParameters + l.NonTrainableParameters))).ToList();
        var nameWidth = Math.Max(20, rows.Max(r => r.Name.Length) + 2);
        var shapeWidth = Math.Max(16, rows.Max(r => r.Shape.Length) + 2);
        var width = nameWidth + shapeWidth + 12;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Model: \"{Name}\"  input [{Input.Channels}, {Input.Height}, {Input.Width}]");
        sb.AppendLine(new string('_', width));
        sb.AppendLine("Layer (type)".PadRight(nameWidth) + "Output Shape".PadRight(shapeWidth) + "Param #");
        sb.AppendLine(new string('=', width));
        foreach (var r in rows) sb.AppendLine(r.Name.PadRight(nameWidth) + r.Shape.PadRight(shapeWidth) + r.Params);
        sb.AppendLine(new string('=', width));
        sb.AppendLine($"Total params: {Count(TrainableParameters + NonTrainableParameters)}");
        sb.AppendLine($"Trainable params: {Count(TrainableParameters)}");
        sb.AppendLine($"Non-trainable params: {Count(NonTrainableParameters)}");
        sb.Append(new string('_', width));
        return sb.ToString();
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
