using Microsoft.ML;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms.Tests.Images;

public class ImageLoadOptionsTests
{
    [Fact]
    public void DefaultsAreAsDocumented()
    {
        var options = new ImageLoadOptions();

        options.Validate();
        Assert.Equal(("Image", "Label", false, true), (options.ImageColumnName, options.LabelColumnName, options.SkipUnreadable, options.Recursive));
        Assert.Equal([".png", ".jpg", ".jpeg", ".bmp", ".gif"], options.Extensions);
        Assert.Equal([1, 3, 4], new[] { ColorMode.Gray, ColorMode.Rgb, ColorMode.Rgba }.Select(m => (int)m));
    }

    public static TheoryData<string, ImageLoadOptions> Invalid => new()
    {
        { "Extensions", new ImageLoadOptions { Extensions = [] } },
        { "Extensions", new ImageLoadOptions { Extensions = ["."] } },
        { "ImageColumnName", new ImageLoadOptions { ImageColumnName = " " } },
        { "LabelColumnName", new ImageLoadOptions { LabelColumnName = "Image" } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidOptionsAreRefusedNamingTheOption(string option, ImageLoadOptions options)
    {
        var e = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(option, e.ParamName);
        Assert.StartsWith($"ImageLoadOptions.{option} ", e.Message);
    }

    [Fact]
    public void TheLoadersValidateTheOptionsFirst()
    {
        var data = new MLContext(1).Data;

        Assert.Equal("Extensions", Assert.Throws<ArgumentException>(() => data.LoadImagesFromFolder("nowhere", new ImageLoadOptions { Extensions = [] })).ParamName);
        Assert.Equal("ImageColumnName", Assert.Throws<ArgumentException>(() => data.LoadImagesFromTable("nowhere.csv", new ImageLoadOptions { ImageColumnName = "" })).ParamName);
    }
}
