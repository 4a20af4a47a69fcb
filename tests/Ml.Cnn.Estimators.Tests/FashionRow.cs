using Microsoft.ML.Data;

namespace Ml.Cnn.Estimators.Tests;

/// <summary>One Fashion-MNIST image as <c>LoadIdx</c> gives it: pixels 0..255 (1×28×28) and the class as text ("0".."9").</summary>
public sealed class FashionRow
{
    [VectorType(1, 28, 28)]
    public byte[] Image { get; init; } = [];

    public string Label { get; init; } = "";

    /// <summary>The pixels as floats 0..255, as <c>ExtractPixels</c> without scaling gives them.</summary>
    public float[] Pixels() => [.. Image.Select(p => (float)p)];
}
