using Ml.Cnn.Engine;

namespace Ml.Cnn.Training;

/// <summary>Batched inference in evaluation mode.</summary>
internal static class Prediction
{
    public const int BatchSize = 256;

    /// <summary>Predicts at most <see cref="BatchSize"/> images stored one after another into [count × outputs] floats.</summary>
    public delegate void BatchPredictor(ReadOnlySpan<byte> pixels, int count, Span<float> outputs);

    /// <summary>A predictor that calls the network directly on the calling thread.</summary>
    public static BatchPredictor Direct(Network network, ImageShape shape, OutputHead head) =>
        (pixels, count, outputs) => network.Predict(pixels, count, shape, head, outputs);

    /// <summary>Head outputs [count × outputs] of images stored one after another, predicted <see cref="BatchSize"/> at a time.</summary>
    public static float[] Outputs(ReadOnlySpan<byte> pixels, int count, ImageShape shape, int outputs, BatchPredictor predict)
    {
        var values = new float[(long)count * outputs];
        for (var start = 0; start < count; start += BatchSize)
        {
            var n = Math.Min(BatchSize, count - start);
            predict(pixels.Slice(start * shape.Size, n * shape.Size), n, values.AsSpan(start * outputs, n * outputs));
        }
        return values;
    }

    /// <summary>Index of the largest value (first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var k = 1; k < row.Length; k++) if (row[k] > row[best]) best = k;
        return best;
    }
}
