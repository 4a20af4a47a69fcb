using System.Globalization;

namespace Ml.Cnn.Layers;

/// <summary>2-d convolution (PyTorch Conv2d) with the input channels taken from the incoming shape.</summary>
public sealed class Conv2d : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="filters">Output channels.</param>
    /// <param name="kernel">Square kernel size.</param>
    /// <param name="stride">Stride. Default 1.</param>
    /// <param name="padding">Zero padding per side. Default 0.</param>
    /// <param name="dilation">Dilation. Default 1.</param>
    /// <param name="groups">Groups; input and output channels must be divisible by it. Default 1.</param>
    /// <param name="bias">Whether to learn a bias. Default true.</param>
    public Conv2d(int filters, int kernel, int stride = 1, int padding = 0, int dilation = 1, int groups = 1, bool bias = true)
    {
        Filters = AtLeast(filters, 1, nameof(filters));
        Kernel = AtLeast(kernel, 1, nameof(kernel));
        Stride = AtLeast(stride, 1, nameof(stride));
        Padding = AtLeast(padding, 0, nameof(padding));
        Dilation = AtLeast(dilation, 1, nameof(dilation));
        Groups = AtLeast(groups, 1, nameof(groups));
        Bias = bias;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary>Kernel size.</summary>
    public int Kernel { get; }

    /// <summary>Stride.</summary>
    public int Stride { get; }

    /// <summary>Padding per side.</summary>
    public int Padding { get; }

    /// <summary>Dilation.</summary>
    public int Dilation { get; }

    /// <summary>Groups.</summary>
    public int Groups { get; }

    /// <summary>Whether a bias is learned.</summary>
    public bool Bias { get; }

    /// <inheritdoc />
    public override string TypeName => "Conv2d";

    /// <inheritdoc />
    public override ResolvedLayer Resolve(FeatureShape input, int classes)
    {
        RequireMaps(input);
        if (input.Channels % Groups != 0 || Filters % Groups != 0)
            throw new ArgumentException($"Conv2d groups={Groups} must divide both its input channels ({input.Channels}) and filters ({Filters}).");
        var h = WindowOutput(input.Height, Kernel, Stride, Padding, Dilation, input);
        var w = WindowOutput(input.Width, Kernel, Stride, Padding, Dilation, input);
        var weights = (long)Filters * (input.Channels / Groups) * Kernel * Kernel + (Bias ? Filters : 0);
        var spec = string.Create(CultureInfo.InvariantCulture,
            $"conv2d in={input.Channels} out={Filters} kernel={Kernel} stride={Stride} padding={Padding} dilation={Dilation} groups={Groups} bias={(Bias ? 1 : 0)}");
        return new ResolvedLayer(TypeName, FeatureShape.Maps(Filters, h, w), weights, 0, spec);
    }
}
