using System.Globalization;

namespace Ml.Cnn.Layers;

/// <summary>
/// The ResNet basic block: conv3×3(stride)-BN-ReLU-conv3×3-BN plus a shortcut, then ReLU. The shortcut is the identity,
/// or a 1×1 convolution with BN (projection) when the stride or the channel count changes.
/// </summary>
public sealed class ResidualBlock : Layer
{
    /// <summary>Creates the block.</summary>
    /// <param name="filters">Output channels.</param>
    /// <param name="stride">Stride of the first convolution and of the projection. Default 1.</param>
    public ResidualBlock(int filters, int stride = 1)
    {
        Filters = AtLeast(filters, 1, nameof(filters));
        Stride = AtLeast(stride, 1, nameof(stride));
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <inheritdoc />
    public override string TypeName => "ResidualBlock";

    /// <inheritdoc />
    public override ResolvedLayer Resolve(FeatureShape input, int classes)
    {
        RequireMaps(input);
        var h = WindowOutput(input.Height, 3, Stride, 1, 1, input);
        var w = WindowOutput(input.Width, 3, Stride, 1, 1, input);
        long c = input.Channels, f = Filters;
        var trainable = c * f * 9 + f * f * 9 + 4 * f;
        var buffers = 4 * f;
        if (Stride != 1 || c != f)
        {
            trainable += c * f + 2 * f;
            buffers += 2 * f;
        }
        var spec = string.Create(CultureInfo.InvariantCulture, $"residual in={c} out={f} stride={Stride}");
        return new ResolvedLayer(TypeName, FeatureShape.Maps(Filters, h, w), trainable, buffers, spec);
    }
}
