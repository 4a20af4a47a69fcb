namespace Ml.Cnn.Layers;

/// <summary>Averages each channel over height and width: C×H×W becomes a flat vector of C.</summary>
public sealed class GlobalAveragePool : Layer
{
    /// <inheritdoc />
    public override string TypeName => "GlobalAveragePool";

    /// <inheritdoc />
    public override ResolvedLayer Resolve(FeatureShape input, int classes)
    {
        RequireMaps(input);
        return new ResolvedLayer(TypeName, FeatureShape.Flat(input.Channels), 0, 0, "gap");
    }
}
