using Ml.Cnn.Legacy;
namespace Ml.Cnn.Training;

/// <summary>Per-channel mean and standard deviation of scaled pixels over an image column, read in batches (streaming-friendly).</summary>
internal static class PixelStatistics
{
    public static (float[] Mean, float[] Std) Compute(ImageColumn images, float scale)
    {
        var shape = images.Shape;
        var plane = shape.Height * shape.Width;
        var sums = new double[shape.Channels];
        var squares = new double[shape.Channels];
        const int batch = 256;
        var buffer = new byte[batch * shape.Size];
        var rows = new int[batch];
        for (var start = 0; start < images.RowCount; start += batch)
        {
            var n = Math.Min(batch, images.RowCount - start);
            for (var i = 0; i < n; i++) rows[i] = start + i;
            images.CopyRows(rows.AsSpan(0, n), buffer);
            for (var i = 0; i < n; i++)
                for (var c = 0; c < shape.Channels; c++)
                    foreach (var p in buffer.AsSpan(i * shape.Size + c * plane, plane))
                    {
                        double v = p * scale;
                        sums[c] += v;
                        squares[c] += v * v;
                    }
        }
        var count = (double)images.RowCount * plane;
        var mean = sums.Select(s => (float)(s / count)).ToArray();
        var std = squares.Select((q, c) => (float)Math.Sqrt(Math.Max(q / count - (double)mean[c] * mean[c], 0))).Select(s => Math.Max(s, 1e-6f)).ToArray();
        return (mean, std);
    }
}
