using Ml.Cnn.Engine;

namespace Ml.Cnn.Training;

/// <summary>
/// Per-channel mean and standard deviation of scaled pixels over a training set, read in chunks (streaming). In data-parallel
/// training each rank reads its shard's rows and the sums are added over the ranks, so every rank gets the same values.
/// </summary>
internal static class PixelStatistics
{
    public static (float[] Mean, float[] Std) Compute(TrainingSet images, float scale, ProcessGroup? group)
    {
        var shape = images.Shape;
        var plane = shape.Height * shape.Width;
        var sums = new double[shape.Channels];
        var squares = new double[shape.Channels];
        var rowsRead = 0L;
        images.ReadInOrder(256, (pixels, rows, _, _) =>
        {
            rowsRead += rows;
            for (var i = 0; i < rows; i++)
                for (var c = 0; c < shape.Channels; c++)
                    foreach (var p in pixels.Slice(i * shape.Size + c * plane, plane))
                    {
                        double v = p * scale;
                        sums[c] += v;
                        squares[c] += v * v;
                    }
        });
        if (group is not null)
        {
            double[] totals = [.. sums, .. squares, rowsRead];
            group.AllReduceSum(totals);
            totals.AsSpan(0, sums.Length).CopyTo(sums);
            totals.AsSpan(sums.Length, squares.Length).CopyTo(squares);
            rowsRead = (long)totals[^1];
        }
        var count = (double)rowsRead * plane;
        var mean = sums.Select(s => (float)(s / count)).ToArray();
        var std = squares.Select((q, c) => (float)Math.Sqrt(Math.Max(q / count - (double)mean[c] * mean[c], 0))).Select(s => Math.Max(s, 1e-6f)).ToArray();
        return (mean, std);
    }
}
