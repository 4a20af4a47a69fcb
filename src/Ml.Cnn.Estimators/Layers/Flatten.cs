namespace Ml.Cnn.Layers;

/// <summary>Flattens C×H×W feature maps into one vector (PyTorch Flatten, channel-major order).</summary>
public sealed class Flatten : Layer
{
    /// <inheritdoc />
    public override string TypeName => "Flatten";

    /// <inheritdoc />
    public override ResolvedLayer Resolve(FeatureShape input, int classes)
    {
        if (input.Size > int.MaxValue) throw new ArgumentException($"Flatten of {input} gives more than {int.MaxValue} features.");
        return new ResolvedLayer(TypeName, FeatureShape.Flat((int)input.Size), 0, 0, "flatten");
    }
}
