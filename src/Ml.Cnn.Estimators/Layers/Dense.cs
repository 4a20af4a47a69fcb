using System.Globalization;

namespace Ml.Cnn.Layers;

/// <summary>A fully connected layer (PyTorch Linear). Without <see cref="Units"/> it is the output layer: one unit per class.</summary>
public sealed class Dense : Layer
{
    /// <summary>Creates the layer.</summary>
    /// <param name="units">Output features; null means one per class (the output layer).</param>
    /// <param name="bias">Whether to learn a bias. Default true.</param>
    public Dense(int? units = null, bool bias = true)
    {
        if (units is { } u) AtLeast(u, 1, nameof(units));
        Units = units;
        Bias = bias;
    }

    /// <summary>Output features, or null for one per class.</summary>
    public int? Units { get; }

    /// <summary>Whether a bias is learned.</summary>
    public bool Bias { get; }

    /// <inheritdoc />
    public override string TypeName => "Dense";

    /// <inheritdoc />
    public override ResolvedLayer Resolve(FeatureShape input, int classes)
    {
        if (!input.IsFlat)
            throw new ArgumentException($"Dense needs a flat input but gets {input}; add Flatten or GlobalAveragePool before it.");
        var units = Units ?? classes;
        var parameters = (long)input.Channels * units + (Bias ? units : 0);
        var spec = string.Create(CultureInfo.InvariantCulture, $"dense in={input.Channels} out={units} bias={(Bias ? 1 : 0)}");
        return new ResolvedLayer(TypeName, FeatureShape.Flat(units), parameters, 0, spec);
    }
}
