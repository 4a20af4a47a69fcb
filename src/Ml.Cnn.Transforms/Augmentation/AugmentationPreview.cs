using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms;

/// <summary>Writes a PNG grid of training images after the data's augmentations, so users can see what their settings do.</summary>
public static class AugmentationPreview
{
    /// <summary>
    /// Takes the first <paramref name="count"/> images of <paramref name="data"/>, applies its <see cref="DataView.Augmenters"/>
    /// as one training batch (parameters drawn from <paramref name="seed"/>), and writes them as a grid (8 per row, 2-pixel gaps).
    /// </summary>
    /// <param name="data">Data with an image column and augmenters (the output of the augmentation transformers).</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="count">Images in the grid. Default 16.</param>
    /// <param name="seed">Seed of the augmentation draws. Default 0.</param>
    /// <param name="imageColumnName">The image column. Default <c>Image</c>.</param>
    public static void Write(DataView data, string path, int count = 16, int seed = 0, string imageColumnName = DefaultColumnNames.Image)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The preview needs at least one image.");
        var images = data.GetColumn<ImageColumn>(imageColumnName);
        var shape = images.Shape;
        var n = Math.Min(count, images.RowCount);
        if (n == 0) throw new ArgumentException("The data has no images to preview.", nameof(data));
        var pixels = new byte[n * shape.Size];
        images.CopyRows(Enumerable.Range(0, n).ToArray(), pixels);
        var augmented = new byte[pixels.Length];
        using (var plan = new AugmentationPlan())
        {
            var random = new Random(seed);
            foreach (var augmenter in data.Augmenters) augmenter.AddTo(plan, shape, n, random);
            plan.Apply(pixels, n, shape, augmented);
        }
        const int gap = 2;
        var columns = Math.Min(8, n);
        var rows = (n + columns - 1) / columns;
        var grid = new ImageShape(shape.Channels, rows * (shape.Height + gap) - gap, columns * (shape.Width + gap) - gap);
        var canvas = new byte[grid.Size];
        Array.Fill(canvas, (byte)255);
        for (var i = 0; i < n; i++)
        {
            var (top, left) = (i / columns * (shape.Height + gap), i % columns * (shape.Width + gap));
            for (var c = 0; c < shape.Channels; c++)
                for (var y = 0; y < shape.Height; y++)
                    augmented.AsSpan(i * shape.Size + (c * shape.Height + y) * shape.Width, shape.Width)
                        .CopyTo(canvas.AsSpan((c * grid.Height + top + y) * grid.Width + left, shape.Width));
        }
        ImageCodec.WritePng(path, canvas, grid);
    }
}
