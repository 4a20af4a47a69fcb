using Microsoft.ML.Data;

namespace Ml.Cnn.Estimators.Tests;

/// <summary>A Fashion-MNIST row with an example weight.</summary>
public sealed class WeightedRow
{
    [VectorType(1, 28, 28)]
    public byte[] Image { get; init; } = [];

    public string Label { get; init; } = "";

    public float Weight { get; init; }
}
