namespace Ml.Cnn.Layers;

/// <summary>A named stack of layers, resolved against the data's image shape and class count when training starts.</summary>
public sealed class NetworkDefinition
{
    /// <summary>Creates a definition.</summary>
    /// <param name="name">A short name, stored in the model file (e.g. <c>basic</c>).</param>
    /// <param name="layers">The layers, input first.</param>
    public NetworkDefinition(string name, IEnumerable<Layer> layers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(layers);
        Name = name;
        Layers = layers.ToArray();
        if (Layers.Count == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The layers, input first.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>Resolves every layer against the input; errors name the layer by index and type.</summary>
    /// <param name="input">The image shape of the data.</param>
    /// <param name="classes">The number of classes.</param>
    public ResolvedNetwork Resolve(ImageShape input, int classes)
    {
        input.Validate();
        var shape = FeatureShape.Maps(input.Channels, input.Height, input.Width);
        var resolved = new List<ResolvedLayer>(Layers.Count);
        for (var i = 0; i < Layers.Count; i++)
        {
            try
            {
                var layer = Layers[i].Resolve(shape, classes);
                resolved.Add(layer);
                shape = layer.Output;
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Network '{Name}', layer {i + 1} ({Layers[i].TypeName}) with input {shape}: {e.Message}", e);
            }
        }
        if (!shape.IsFlat || shape.Channels != classes)
            throw new ArgumentException(
                $"Network '{Name}' ends with shape {shape} but the data has {classes} classes; end it with Flatten/GlobalAveragePool and Dense() (one unit per class).");
        return new ResolvedNetwork(Name, input, resolved);
    }

    /// <summary>The Keras-like summary table for an input shape and class count.</summary>
    /// <param name="input">Image shape.</param>
    /// <param name="classes">Number of classes.</param>
    public string Summary(ImageShape input, int classes) => Resolve(input, classes).Summary();
}
