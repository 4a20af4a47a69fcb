using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Transforms.Tests.Images;

public class ImageResizeAndColorTests
{
    private static ImageFileColumn LoadImages(string folder, ImageLoadOptions? options = null) =>
        new CnnContext(1).Data.LoadImagesFromFolder(folder, options).GetColumn<ImageFileColumn>("Image");

    [ImageCodecFact]
    public void ImagesAreResizedToTheRequestedSize()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "a", "big.bmp"), 4, 6, (200, 100, 50));
        BmpFile.WriteSolid(Path.Combine(root.Path, "b", "small.bmp"), 1, 1, (10, 20, 30));

        var images = LoadImages(root.Path, new ImageLoadOptions { Width = 3, Height = 2 });

        Assert.Equal(new ImageShape(3, 2, 3), images.Shape);
        Assert.Equal(ResizeMode.Bilinear, images.Resize);
        var expected = TestImages.Solid(images.Shape, [200, 100, 50]).Concat(TestImages.Solid(images.Shape, [10, 20, 30]));
        Assert.Equal(expected, TestImages.ReadAll(images));
    }

    [ImageCodecFact]
    public void WithoutASizeTheFirstImageSizeIsUsed()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "a", "first.bmp"), 2, 4, (1, 2, 3));
        BmpFile.WriteSolid(Path.Combine(root.Path, "b", "second.bmp"), 6, 3, (4, 5, 6));

        var images = LoadImages(root.Path);
        var widthOnly = LoadImages(root.Path, new ImageLoadOptions { Width = 5 });

        Assert.Equal(new ImageShape(3, 2, 4), images.Shape);
        Assert.Equal(TestImages.Solid(images.Shape, [4, 5, 6]), images.GetImage(1).ToArray());
        Assert.Equal(new ImageShape(3, 2, 5), widthOnly.Shape);
    }

    [ImageCodecFact]
    public void NearestRepeatsPixelsWhenEnlargingTwice()
    {
        using var root = new TempFolder();
        var shape = new ImageShape(3, 2, 2);
        var pixels = TestImages.Pattern(shape);
        BmpFile.Write(Path.Combine(root.Path, "a", "x.bmp"), shape, pixels);
        BmpFile.Write(Path.Combine(root.Path, "b", "x.bmp"), shape, pixels);

        var image = LoadImages(root.Path, new ImageLoadOptions { Width = 4, Height = 4, Resize = ResizeMode.Nearest }).GetImage(0).ToArray();

        for (var c = 0; c < 3; c++)
        for (var y = 0; y < 4; y++)
        for (var x = 0; x < 4; x++)
            Assert.Equal(pixels[(c * 2 + y / 2) * 2 + x / 2], image[(c * 4 + y) * 4 + x]);
    }

    [ImageCodecFact]
    public void CenterCropKeepsTheMiddleOfAWideImage()
    {
        using var root = new TempFolder();
        var shape = new ImageShape(3, 2, 4);
        var pixels = TestImages.Pattern(shape);
        BmpFile.Write(Path.Combine(root.Path, "a", "wide.bmp"), shape, pixels);
        BmpFile.Write(Path.Combine(root.Path, "b", "wide.bmp"), shape, pixels);

        var image = LoadImages(root.Path, new ImageLoadOptions { Width = 2, Height = 2, Resize = ResizeMode.CenterCrop }).GetImage(0).ToArray();

        var expected = new byte[12];
        for (var c = 0; c < 3; c++)
        for (var y = 0; y < 2; y++)
        for (var x = 0; x < 2; x++)
            expected[(c * 2 + y) * 2 + x] = pixels[(c * 2 + y) * 4 + x + 1];
        Assert.Equal(expected, image);
    }

    [ImageCodecFact]
    public void GrayRgbAndRgbaConvertAsDocumented()
    {
        using var root = new TempFolder();
        var gray = new ImageShape(1, 2, 2);
        var rgba = new ImageShape(4, 2, 2);
        TestImages.WritePng(Path.Combine(root.Path, "a", "gray.png"), gray, [10, 20, 30, 40]);
        TestImages.WritePng(Path.Combine(root.Path, "b", "rgba.png"), rgba, TestImages.Pattern(rgba));
        BmpFile.WriteSolid(Path.Combine(root.Path, "c", "rgb.bmp"), 2, 2, (90, 90, 90));

        var asRgb = TestImages.ReadAll(LoadImages(root.Path, new ImageLoadOptions { ColorMode = ColorMode.Rgb }));
        var asGray = TestImages.ReadAll(LoadImages(root.Path, new ImageLoadOptions { ColorMode = ColorMode.Gray }));
        var asRgba = TestImages.ReadAll(LoadImages(root.Path, new ImageLoadOptions { ColorMode = ColorMode.Rgba }));

        // Gray -> RGB replicates; RGBA -> RGB drops the alpha plane; a gray-valued RGB pixel stays that value in gray mode.
        Assert.Equal(new byte[] { 10, 20, 30, 40, 10, 20, 30, 40, 10, 20, 30, 40 }, asRgb[..12]);
        Assert.Equal(TestImages.Pattern(rgba)[..12], asRgb[12..24]);
        Assert.Equal(new byte[] { 10, 20, 30, 40 }, asGray[..4]);
        Assert.Equal(new byte[] { 90, 90, 90, 90 }, asGray[8..12]);
        Assert.Equal(TestImages.Pattern(rgba), asRgba[16..32]);
        Assert.Equal(Enumerable.Repeat((byte)255, 4), asRgba[44..48]);
    }
}
