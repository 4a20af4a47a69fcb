using Microsoft.ML;
using Ml.Cnn.Augmentation;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;
using Ml.Cnn.Legacy;

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
        WriteGrid(pixels, n, shape, data.Augmenters, seed, path);
    }

    /// <summary>
    /// Takes the first <paramref name="count"/> images of ML.NET data, decodes them as a trainer would (encoded files to
    /// <paramref name="colorMode"/> and <paramref name="height"/> × <paramref name="width"/>, by default the first image's size
    /// and gray or RGB; pixel vectors as they are), applies the augmentations annotated on the image column (the output of
    /// <c>mlContext.Transforms.RandomAffine(...)</c> and the other augmentation transforms) as one training batch
    /// (parameters drawn from <paramref name="seed"/>), and writes them as a grid (8 per row, 2-pixel gaps).
    /// </summary>
    /// <param name="data">Data with an image column (encoded bytes, pixel vector or MLImage), usually after augmentation transforms.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="count">Images in the grid. Default 16.</param>
    /// <param name="seed">Seed of the augmentation draws. Default 0.</param>
    /// <param name="imageColumnName">The image column. Default <c>Image</c>.</param>
    /// <param name="colorMode">The channels encoded images are decoded to; null: gray when the first image is gray, else RGB.</param>
    /// <param name="height">The height encoded images are decoded to; null: the first image's.</param>
    /// <param name="width">The width encoded images are decoded to; null: the first image's.</param>
    /// <exception cref="ArgumentException">The data has no rows, or the image column is missing or of a type the CNN does not take.</exception>
    public static void Write(IDataView data, string path, int count = 16, int seed = 0, string imageColumnName = DefaultColumnNames.Image,
        ColorMode? colorMode = null, int? height = null, int? width = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The preview needs at least one image.");
        var feature = ImageFeatureColumn.Inspect(data.Schema, imageColumnName);
        var column = data.Schema[imageColumnName];
        var images = new List<byte[]>();
        ImageShape shape = default;
        using (var cursor = data.GetRowCursor([column]))
        {
            var reader = new ImageFeatureReader(cursor, feature);
            while (images.Count < count && cursor.MoveNext())
            {
                if (images.Count == 0)
                {
                    var stored = reader.ReadStoredShape();
                    shape = feature.Kind == ImageFeatureKind.Pixels
                        ? stored
                        : new ImageShape(colorMode is { } mode ? (int)mode : stored.Channels <= 2 ? 1 : 3, height ?? stored.Height, width ?? stored.Width);
                }
                var image = new byte[shape.Size];
                reader.ReadPixels(shape, ResizeMode.Bilinear, image);
                images.Add(image);
            }
        }
        if (images.Count == 0) throw new ArgumentException("The data has no images to preview.", nameof(data));
        WriteGrid([.. images.SelectMany(i => i)], images.Count, shape, AugmentationAnnotation.CreateAugmenters(column), seed, path);
    }

    private static void WriteGrid(byte[] pixels, int n, ImageShape shape, IEnumerable<IBatchAugmenter> augmenters, int seed, string path)
    {
        var augmented = new byte[pixels.Length];
        using (var plan = new AugmentationPlan())
        {
            var random = new Random(seed);
            foreach (var augmenter in augmenters) augmenter.AddTo(plan, shape, n, random);
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
