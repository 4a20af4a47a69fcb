using System.Globalization;

namespace Ml.Cnn.Layers;

/// <summary>Max or average pooling over square windows (PyTorch MaxPool2d / AvgPool2d).</summary>
public sealed class Pool2d : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="max">True for max pooling, false for average pooling.</param>
    /// <param name="kernel">Window size.</param>
    /// <param name="stride">Stride; null means the window size (PyTorch's default).</param>
    /// <param name="padding">Padding per side. Default 0.</param>
    public Pool2d(bool max, int kernel, int? stride = null, int padding = 0)
    {
        IsMax = max;
        Kernel = AtLeast(kernel, 1, nameof(kernel));
        Stride = AtLeast(stride ?? kernel, 1, nameof(stride));
        Padding = AtLeast(padding, 0, nameof(padding));
        if (Padding * 2 > Kernel) throw new ArgumentOutOfRangeException(nameof(padding), padding, "padding must be at most half the kernel size.");
    }

    /// <summary>True for max pooling.</summary>
    public bool IsMax { get; }

    /// <summary>Window size.</summary>
    public int Kernel { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Padding per side.</summary>
    public int Padding { get; }

    /// <inheritdoc />
    public override string TypeName => IsMax ? "MaxPool2d" : "AvgPool2d";

    /// <inheritdoc />
    public override ResolvedLayer Resolve(FeatureShape input, int classes)
    {
        RequireMaps(input);
        var h = WindowOutput(input.Height, Kernel, Stride, Padding, 1, input);
        var w = WindowOutput(input.Width, Kernel, Stride, Padding, 1, input);
        var spec = string.Create(CultureInfo.InvariantCulture,
            $"{(IsMax ? "maxpool2d" : "avgpool2d")} kernel={Kernel} stride={Stride} padding={Padding}");
        return new ResolvedLayer(TypeName, FeatureShape.Maps(input.Channels, h, w), 0, 0, spec);
    }
}
