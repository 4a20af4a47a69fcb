using Ml.Cnn.Engine;

namespace Ml.Cnn.Training;

/// <summary>Batched inference: softmax probabilities for every image of a column, in evaluation mode.</summary>
internal static class Prediction
{
    public const int BatchSize = 256;

    /// <summary>Probabilities [rows × classes], row-major.</summary>
    public static float[] Probabilities(Network network, ImageColumn images, int classes) =>
        Probabilities(network, images.Pixels, images.RowCount, images.Shape, classes);

    /// <summary>Probabilities [count × classes] of images stored one after another, predicted <see cref="BatchSize"/> at a time.</summary>
    public static float[] Probabilities(Network network, ReadOnlySpan<byte> pixels, int count, ImageShape shape, int classes)
    {
        var probabilities = new float[(long)count * classes];
        for (var start = 0; start < count; start += BatchSize)
        {
            var n = Math.Min(BatchSize, count - start);
            network.Predict(pixels.Slice(start * shape.Size, n * shape.Size), n, shape, probabilities.AsSpan(start * classes, n * classes));
        }
        return probabilities;
    }

    /// <summary>Mean cross-entropy and accuracy of probabilities against label keys (probabilities floored at 1e-15, as ML.NET's LogLoss).</summary>
    public static (double Loss, double Accuracy) LossAndAccuracy(ReadOnlySpan<float> probabilities, IReadOnlyList<long> labels, int classes)
    {
        double loss = 0;
        var correct = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            loss -= Math.Log(Math.Max(row[(int)labels[i]], 1e-15));
            if (ArgMax(row) == labels[i]) correct++;
        }
        return (loss / labels.Count, (double)correct / labels.Count);
    }

    /// <summary>Index of the largest value (first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var k = 1; k < row.Length; k++) if (row[k] > row[best]) best = k;
        return best;
    }
}
