namespace Ml.Cnn.Training;

/// <summary>Per-channel mean and standard deviation of scaled pixels over a training set, read in chunks (streaming).</summary>
internal static class PixelStatistics
{
    public static (float[] Mean, float[] Std) Compute(TrainingSet images, float scale)
    {
        var shape = images.Shape;
        var plane = shape.Height * shape.Width;
        var sums = new double[shape.Channels];
        var squares = new double[shape.Channels];
        images.ReadInOrder(256, (pixels, rows, _, _) =>
        {
            for (var i = 0; i < rows; i++)
                for (var c = 0; c < shape.Channels; c++)
                    foreach (var p in pixels.Slice(i * shape.Size + c * plane, plane))
                    {
                        double v = p * scale;
                        sums[c] += v;
                        squares[c] += v * v;
                    }
        });
        var count = (double)images.Count * plane;
        var mean = sums.Select(s => (float)(s / count)).ToArray();
        var std = squares.Select((q, c) => (float)Math.Sqrt(Math.Max(q / count - (double)mean[c] * mean[c], 0))).Select(s => Math.Max(s, 1e-6f)).ToArray();
        return (mean, std);
    }
}
