namespace Ml.Cnn.Layers;

/// <summary>The shape of one example between layers: C×H×W feature maps, or a flat vector of <see cref="Channels"/> features.</summary>
/// <param name="Channels">Channels, or features when flat.</param>
/// <param name="Height">Height (1 when flat).</param>
/// <param name="Width">Width (1 when flat).</param>
/// <param name="IsFlat">True after Flatten, GlobalAveragePool or Dense.</param>
public readonly record struct FeatureShape(int Channels, int Height, int Width, bool IsFlat)
{
    /// <summary>A C×H×W shape.</summary>
    /// <param name="channels">Channels.</param>
    /// <param name="height">Height.</param>
    /// <param name="width">Width.</param>
    public static FeatureShape Maps(int channels, int height, int width) => new(channels, height, width, false);

    /// <summary>A flat vector.</summary>
    /// <param name="features">Features.</param>
    public static FeatureShape Flat(int features) => new(features, 1, 1, true);

    /// <summary>Values per example.</summary>
    public long Size => (long)Channels * Height * Width;

    /// <inheritdoc />
    public override string ToString() => IsFlat ? $"[{Channels}]" : $"[{Channels}, {Height}, {Width}]";
}
