namespace Ml.Cnn.Core.Tests.Data;

public class ImageShapeTests
{
    [Fact]
    public void Size_IsChannelsTimesHeightTimesWidth() => Assert.Equal(3 * 4 * 5, new ImageShape(3, 4, 5).Size);

    [Fact]
    public void ToString_IsChannelsByHeightByWidth() => Assert.Equal("1x28x28", new ImageShape(1, 28, 28).ToString());

    [Fact]
    public void Validate_AcceptsPositiveDimensions()
    {
        var exception = Record.Exception(() => new ImageShape(1, 1, 1).Validate());
        Assert.Null(exception);
    }

    [Theory]
    [InlineData(0, 28, 28)]
    [InlineData(1, 0, 28)]
    [InlineData(1, 28, 0)]
    [InlineData(-3, 28, 28)]
    [InlineData(1, -1, 28)]
    [InlineData(1, 28, -5)]
    public void Validate_RejectsNonPositiveDimensionsAndNamesTheShape(int channels, int height, int width)
    {
        var shape = new ImageShape(channels, height, width);
        var e = Assert.Throws<ArgumentException>(shape.Validate);
        Assert.Contains(shape.ToString(), e.Message);
    }

    [Fact]
    public void Equality_IsByValue()
    {
        Assert.Equal(new ImageShape(3, 32, 32), new ImageShape(3, 32, 32));
        Assert.NotEqual(new ImageShape(3, 32, 32), new ImageShape(3, 32, 31));
    }
}
