using System.Globalization;

namespace Ml.Cnn.Layers;

/// <summary>Batch normalization over channels (PyTorch BatchNorm2d): learned scale and shift, running mean and variance.</summary>
public sealed class BatchNorm2d : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="epsilon">Added to the variance. Default 1e-5.</param>
    /// <param name="momentum">Running-statistics momentum (PyTorch's convention). Default 0.1.</param>
    public BatchNorm2d(double epsilon = 1e-5, double momentum = 0.1)
    {
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive.");
        if (!(momentum is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must lie in [0, 1].");
        Epsilon = epsilon;
        Momentum = momentum;
    }

    /// <summary>Added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>Running-statistics momentum.</summary>
    public double Momentum { get; }

    /// <inheritdoc />
    public override string TypeName => "BatchNorm2d";

    /// <inheritdoc />
    public override ResolvedLayer Resolve(FeatureShape input, int classes)
    {
        RequireMaps(input);
        var spec = string.Create(CultureInfo.InvariantCulture, $"batchnorm2d channels={input.Channels} eps={Epsilon:R} momentum={Momentum:R}");
        return new ResolvedLayer(TypeName, input, 2L * input.Channels, 2L * input.Channels, spec);
    }
}
