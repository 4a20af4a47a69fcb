using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms.Tests.Images;

namespace Ml.Cnn.Transforms.Tests.Augmentation;

/// <summary><c>data.SaveAugmentationPreview</c>: the grid layout, the annotated augmentations applied, the trainer's decoding, bad input.</summary>
public sealed class AugmentationPreviewExtensionsTests
{
    /// <summary>A 4x4 gray image as ExtractPixels gives it, and a text label.</summary>
    public sealed class PixelRow
    {
        [VectorType(1, 4, 4)]
        public float[] Pixels { get; set; } = [];

        public string Label { get; set; } = "";
    }

    private static readonly ImageShape Gray4 = new(1, 4, 4);

    private static IDataView Rows(MLContext ml, int count) => ml.Data.LoadFromEnumerable(
        Enumerable.Range(0, count).Select(i => new PixelRow { Pixels = [.. TestImages.Pattern(Gray4, i).Select(p => (float)p)], Label = "a" }));

    /// <summary>The gray PNG's shape and pixels.</summary>
    private static (ImageShape Shape, byte[] Pixels) ReadPng(string path) => ImageCodec.Decode(File.ReadAllBytes(path), channels: 1);

    /// <summary>The image at grid cell (row, column) of a grid of 4x4 images with 2-pixel gaps.</summary>
    private static byte[] Cell(byte[] grid, int gridWidth, int row, int column) =>
        [.. Enumerable.Range(0, 16).Select(i => grid[(row * 6 + i / 4) * gridWidth + column * 6 + i % 4])];

    [ImageCodecFact]
    public void TheInMemoryPreviewIsTheGridTheFileHolds()
    {
        using var folder = new TempFolder();
        var png = folder.File("preview.png");
        var data = Rows(new MLContext(1), 10);

        data.SaveAugmentationPreview(png, "Pixels", count: 10);
        var image = data.AugmentationPreview("Pixels", count: 10);

        Assert.Equal(new ImageShape(1, 4 * 2 + 2, 4 * 8 + 7 * 2), image.Shape);
        Assert.Equal(File.ReadAllBytes(png), image.ToArray());
    }

    [ImageCodecFact]
    public void WithoutAugmentationsTheGridHoldsTheImagesEightPerRowWithWhiteGaps()
    {
        using var folder = new TempFolder();
        var png = folder.File("preview.png");

        Rows(new MLContext(1), 10).SaveAugmentationPreview(png, "Pixels");

        var (shape, pixels) = ReadPng(png);
        Assert.Equal(new ImageShape(1, 2 * 4 + 2, 8 * 4 + 7 * 2), shape);
        Assert.Equal(TestImages.Pattern(Gray4, 0), Cell(pixels, shape.Width, 0, 0));
        Assert.Equal(TestImages.Pattern(Gray4, 7), Cell(pixels, shape.Width, 0, 7));
        Assert.Equal(TestImages.Pattern(Gray4, 9), Cell(pixels, shape.Width, 1, 1));
        Assert.Equal(255, pixels[4 * shape.Width + 4]); // the gap below and right of the first image
        Assert.Equal(255, pixels[8 * shape.Width + 40]); // an empty cell of the last row
    }

    [ImageCodecFact]
    public void TheAugmentationsAnnotatedOnTheColumnAreApplied()
    {
        using var folder = new TempFolder();
        var png = folder.File("preview.png");
        var ml = new MLContext(1);
        var data = Rows(ml, 3);
        var flipped = ml.Transforms.RandomFlip("Pixels", horizontal: 1).Fit(data).Transform(data);

        flipped.SaveAugmentationPreview(png, "Pixels", count: 2);

        var (shape, pixels) = ReadPng(png);
        Assert.Equal(new ImageShape(1, 4, 10), shape);
        var original = TestImages.Pattern(Gray4, 1);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => original[i / 4 * 4 + 3 - i % 4]), Cell(pixels, shape.Width, 0, 1));
    }

    [ImageCodecFact]
    public void EncodedFilesAreDecodedAsTheTrainerDecodesThem()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "a", "1.bmp"), 4, 6, (200, 100, 50));
        BmpFile.WriteSolid(Path.Combine(root.Path, "b", "2.bmp"), 2, 2, (10, 20, 30));
        var png = root.File("preview.png");
        var images = new MLContext(1).Data.LoadImagesFromFolder(root.Path);

        images.SaveAugmentationPreview(png);
        var (rgb, rgbPixels) = ImageCodec.Decode(File.ReadAllBytes(png), channels: 3);
        images.SaveAugmentationPreview(png, imageHeight: 3, imageWidth: 3, colorMode: ColorMode.Gray);
        var (gray, _) = ReadPng(png);

        Assert.Equal(new ImageShape(3, 4, 6 + 2 + 6), rgb);
        Assert.Equal((byte)20, rgbPixels[rgb.Height * rgb.Width + 8]); // the second image, green, resized to the first one's size
        Assert.Equal(new ImageShape(1, 3, 8), gray);
    }

    [Fact]
    public void BadInputIsRefusedNamingIt()
    {
        var ml = new MLContext(1);
        var empty = ml.Data.LoadFromEnumerable(Array.Empty<PixelRow>());

        var column = Assert.Throws<ArgumentOutOfRangeException>(() => Rows(ml, 1).SaveAugmentationPreview("x.png", "Label"));
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => Rows(ml, 1).SaveAugmentationPreview("x.png"));
        var count = Assert.Throws<ArgumentOutOfRangeException>(() => Rows(ml, 1).SaveAugmentationPreview("x.png", "Pixels", count: 0));
        var rows = Assert.Throws<ArgumentException>(() => empty.SaveAugmentationPreview("x.png", "Pixels"));

        Assert.Contains("image column 'Label'", column.Message);
        Assert.Contains("'Image' is not in the data", missing.Message);
        Assert.Equal("count", count.ParamName);
        Assert.Contains("no rows", rows.Message);
        Assert.False(File.Exists("x.png"));
    }
}
