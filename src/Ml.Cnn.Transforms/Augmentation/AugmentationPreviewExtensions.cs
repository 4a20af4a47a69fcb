using Microsoft.ML;
using Ml.Cnn.Augmentation;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;

namespace Ml.Cnn;

/// <summary>
/// A picture of what the augmentation transforms do: <c>data.AugmentationPreview()</c> (or <c>data.SaveAugmentationPreview("preview.png")</c>) on the output of a
/// fitted pipeline with <c>mlContext.Transforms.RandomAffine(...)</c> and the like.
/// </summary>
public static class AugmentationPreviewExtensions
{
    private const int GridColumns = 8;
    private const int Gap = 2;

    /// <summary>
    /// A PNG grid (8 images per row, 2-pixel white gaps) of the first <paramref name="count"/> images of the image column,
    /// decoded as the CNN trainer decodes them and augmented as one training batch by the augmentations annotated on the
    /// column (what the augmentation transforms leave there), with parameters drawn from <paramref name="seed"/>. Without
    /// augmentations the images are shown as they are. The size and channels default as the trainer's do: a pixel vector
    /// keeps its dimensions; an encoded file or an image takes the first image's size, gray for a gray file, else RGB.
    /// In a notebook with the Ml.Cnn.Interactive extension the result displays as the picture.
    /// </summary>
    /// <param name="data">Data with the image column, e.g. <c>pipeline.Fit(train).Transform(train)</c>.</param>
    /// <param name="imageColumnName">The image column (encoded bytes, pixels or an <c>MLImage</c>). Default <c>Image</c>.</param>
    /// <param name="count">Images in the grid, at least 1. Default 16.</param>
    /// <param name="seed">Seed of the augmentation draws. Default 0.</param>
    /// <param name="imageHeight">Height images are decoded to (as <c>CnnTrainerOptions.ImageHeight</c>); null takes the first image's.</param>
    /// <param name="imageWidth">Width images are decoded to (as <c>CnnTrainerOptions.ImageWidth</c>); null takes the first image's.</param>
    /// <param name="colorMode">Channels images are decoded to (as <c>CnnTrainerOptions.ColorMode</c>); null decides as described.</param>
    /// <param name="resize">How an image of another size is fitted. Default <see cref="ResizeMode.Bilinear"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or not an image column, or <paramref name="count"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    public static PngImage AugmentationPreview(this IDataView data, string imageColumnName = DefaultColumnNames.Image,
        int count = 16, int seed = 0, int? imageHeight = null, int? imageWidth = null, ColorMode? colorMode = null,
        ResizeMode resize = ResizeMode.Bilinear)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The augmentation preview needs at least one image.");
        var feature = ImageFeatureColumn.Inspect(data.Schema, imageColumnName);
        var (pixels, shape, n) = ReadImages(data, feature, count, imageHeight, imageWidth, colorMode, resize);
        var augmented = new byte[pixels.Length];
        using (var plan = new AugmentationPlan())
        {
            var random = new Random(seed);
            foreach (var augmenter in AugmentationAnnotation.CreateAugmenters(data.Schema[imageColumnName])) augmenter.AddTo(plan, shape, n, random);
            plan.Apply(pixels, n, shape, augmented);
        }
        var (grid, canvas) = Grid(augmented, shape, n);
        return new PngImage(canvas, grid);
    }

    /// <summary>Writes <see cref="AugmentationPreview"/> as a PNG file (the parameters are the same).</summary>
    /// <param name="data">Data with the image column, e.g. <c>pipeline.Fit(train).Transform(train)</c>.</param>
    /// <param name="path">The PNG file to write.</param>
    /// <param name="imageColumnName">The image column (encoded bytes, pixels or an <c>MLImage</c>). Default <c>Image</c>.</param>
    /// <param name="count">Images in the grid, at least 1. Default 16.</param>
    /// <param name="seed">Seed of the augmentation draws. Default 0.</param>
    /// <param name="imageHeight">Height images are decoded to (as <c>CnnTrainerOptions.ImageHeight</c>); null takes the first image's.</param>
    /// <param name="imageWidth">Width images are decoded to (as <c>CnnTrainerOptions.ImageWidth</c>); null takes the first image's.</param>
    /// <param name="colorMode">Channels images are decoded to (as <c>CnnTrainerOptions.ColorMode</c>); null decides as described.</param>
    /// <param name="resize">How an image of another size is fitted. Default <see cref="ResizeMode.Bilinear"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or not an image column, or <paramref name="count"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    public static void SaveAugmentationPreview(this IDataView data, string path, string imageColumnName = DefaultColumnNames.Image,
        int count = 16, int seed = 0, int? imageHeight = null, int? imageWidth = null, ColorMode? colorMode = null,
        ResizeMode resize = ResizeMode.Bilinear)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        data.AugmentationPreview(imageColumnName, count, seed, imageHeight, imageWidth, colorMode, resize).Save(path);
    }

    private static (byte[] Pixels, ImageShape Shape, int Count) ReadImages(IDataView data, ImageFeatureColumn feature, int count,
        int? imageHeight, int? imageWidth, ColorMode? colorMode, ResizeMode resize)
    {
        using var cursor = data.GetRowCursor([data.Schema[feature.Name]]);
        var reader = new ImageFeatureReader(cursor, feature);
        var pixels = new List<byte>();
        ImageShape? shape = null;
        var image = Array.Empty<byte>();
        var n = 0;
        for (; n < count && cursor.MoveNext(); n++)
        {
            if (shape is null)
            {
                shape = feature.DecodedShape(reader.ReadStoredShape(), colorMode, imageHeight, imageWidth);
                image = new byte[shape.Value.Size];
            }
            reader.ReadPixels(shape.Value, resize, image);
            pixels.AddRange(image);
        }
        if (shape is null) throw new ArgumentException("The data has no rows, so there is no image to preview.", nameof(data));
        return ([.. pixels], shape.Value, n);
    }

    private static (ImageShape Grid, byte[] Canvas) Grid(byte[] images, ImageShape shape, int n)
    {
        var columns = Math.Min(GridColumns, n);
        var rows = (n + columns - 1) / columns;
        var grid = new ImageShape(shape.Channels, rows * (shape.Height + Gap) - Gap, columns * (shape.Width + Gap) - Gap);
        var canvas = new byte[grid.Size];
        Array.Fill(canvas, (byte)255);
        for (var i = 0; i < n; i++)
        {
            var (top, left) = (i / columns * (shape.Height + Gap), i % columns * (shape.Width + Gap));
            for (var c = 0; c < shape.Channels; c++)
                for (var y = 0; y < shape.Height; y++)
                    images.AsSpan(i * shape.Size + (c * shape.Height + y) * shape.Width, shape.Width)
                        .CopyTo(canvas.AsSpan((c * grid.Height + top + y) * grid.Width + left, shape.Width));
        }
        return (grid, canvas);
    }
}
