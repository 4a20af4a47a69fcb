using Microsoft.ML;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Transforms.Tests.Images;

/// <summary>The images of <c>ml.Data.LoadImagesFromFolder</c> decoded as the CNN trainer decodes them: size, resize mode, color mode.</summary>
public class ImageResizeAndColorTests
{
    private static IDataView Load(string folder) => new MLContext(1).Data.LoadImagesFromFolder(folder);

    [ImageCodecFact]
    public void ImagesAreResizedToTheRequestedSize()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "a", "big.bmp"), 4, 6, (200, 100, 50));
        BmpFile.WriteSolid(Path.Combine(root.Path, "b", "small.bmp"), 1, 1, (10, 20, 30));
        var shape = new ImageShape(3, 2, 3);

        var pixels = TestImages.Decode(Load(root.Path), shape);

        Assert.Equal(TestImages.Solid(shape, [200, 100, 50]).Concat(TestImages.Solid(shape, [10, 20, 30])), pixels);
    }

    [ImageCodecFact]
    public void NearestRepeatsPixelsWhenEnlargingTwice()
    {
        using var root = new TempFolder();
        var shape = new ImageShape(3, 2, 2);
        var pixels = TestImages.Pattern(shape);
        BmpFile.Write(Path.Combine(root.Path, "a", "x.bmp"), shape, pixels);
        BmpFile.Write(Path.Combine(root.Path, "b", "x.bmp"), shape, pixels);

        var image = TestImages.Decode(Load(root.Path), new ImageShape(3, 4, 4), ResizeMode.Nearest)[..48];

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

        var image = TestImages.Decode(Load(root.Path), new ImageShape(3, 2, 2), ResizeMode.CenterCrop)[..12];

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
        var view = Load(root.Path);

        var asRgb = TestImages.Decode(view, new ImageShape((int)ColorMode.Rgb, 2, 2));
        var asGray = TestImages.Decode(view, new ImageShape((int)ColorMode.Gray, 2, 2));
        var asRgba = TestImages.Decode(view, new ImageShape((int)ColorMode.Rgba, 2, 2));

        // Gray -> RGB replicates; RGBA -> RGB drops the alpha plane; a gray-valued RGB pixel stays that value in gray mode.
        Assert.Equal(new byte[] { 10, 20, 30, 40, 10, 20, 30, 40, 10, 20, 30, 40 }, asRgb[..12]);
        Assert.Equal(TestImages.Pattern(rgba)[..12], asRgb[12..24]);
        Assert.Equal(new byte[] { 10, 20, 30, 40 }, asGray[..4]);
        Assert.Equal(new byte[] { 90, 90, 90, 90 }, asGray[8..12]);
        Assert.Equal(TestImages.Pattern(rgba), asRgba[16..32]);
        Assert.Equal(Enumerable.Repeat((byte)255, 4), asRgba[44..48]);
    }
}
