using System.Globalization;

namespace Ml.Cnn.Layers;

/// <summary>The element-wise activations.</summary>
public enum ActivationKind
{
    /// <summary>max(0, x).</summary>
    ReLU,

    /// <summary>x for x &gt; 0, slope·x otherwise.</summary>
    LeakyReLU,

    /// <summary>Gaussian error linear unit (exact erf form, PyTorch's default).</summary>
    GELU,

    /// <summary>x·sigmoid(x) (a.k.a. swish).</summary>
    SiLU,
}

/// <summary>An element-wise activation layer; the shape passes through unchanged.</summary>
public sealed class Activation : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kind">Which activation.</param>
    /// <param name="slope">Negative slope of LeakyReLU. Default 0.01 (PyTorch).</param>
    public Activation(ActivationKind kind, double slope = 0.01)
    {
        Kind = kind;
        Slope = slope;
    }

    /// <summary>Which activation.</summary>
    public ActivationKind Kind { get; }

    /// <summary>Negative slope (LeakyReLU only).</summary>
    public double Slope { get; }

    /// <inheritdoc />
    public override string TypeName => Kind.ToString();

    /// <inheritdoc />
    public override ResolvedLayer Resolve(FeatureShape input, int classes)
    {
        var spec = Kind == ActivationKind.LeakyReLU
            ? string.Create(CultureInfo.InvariantCulture, $"leakyrelu slope={Slope:R}")
            : Kind.ToString().ToLowerInvariant();
        return new ResolvedLayer(TypeName, input, 0, 0, spec);
    }
}
