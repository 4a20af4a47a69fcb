using System.Globalization;

namespace Ml.Cnn.Layers;

/// <summary>The MobileNet block: depthwise k×k convolution-BN-ReLU, then pointwise 1×1 convolution-BN-ReLU.</summary>
public sealed class DepthwiseSeparableConv : Layer
{
    /// <summary>Creates the block.</summary>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernel">Depthwise kernel size. Default 3.</param>
    /// <param name="stride">Depthwise stride. Default 1.</param>
    /// <param name="padding">Depthwise padding; null means kernel/2 (keeps the size at stride 1).</param>
    public DepthwiseSeparableConv(int filters, int kernel = 3, int stride = 1, int? padding = null)
    {
        Filters = AtLeast(filters, 1, nameof(filters));
        Kernel = AtLeast(kernel, 1, nameof(kernel));
        Stride = AtLeast(stride, 1, nameof(stride));
        Padding = AtLeast(padding ?? kernel / 2, 0, nameof(padding));
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Depthwise kernel size.</summary>
    public int Kernel { get; }

    /// <summary>Depthwise stride.</summary>
    public int Stride { get; }

    /// <summary>Depthwise padding.</summary>
    public int Padding { get; }

    /// <inheritdoc />
    public override string TypeName => "DepthwiseSeparable";

    /// <inheritdoc />
    public override ResolvedLayer Resolve(FeatureShape input, int classes)
    {
        RequireMaps(input);
        var h = WindowOutput(input.Height, Kernel, Stride, Padding, 1, input);
        var w = WindowOutput(input.Width, Kernel, Stride, Padding, 1, input);
        long c = input.Channels, f = Filters;
        var trainable = c * Kernel * Kernel + 2 * c + c * f + 2 * f;
        var spec = string.Create(CultureInfo.InvariantCulture,
            $"dwsep in={c} out={f} kernel={Kernel} stride={Stride} padding={Padding}");
        return new ResolvedLayer(TypeName, FeatureShape.Maps(Filters, h, w), trainable, 2 * c + 2 * f, spec);
    }
}
