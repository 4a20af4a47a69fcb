namespace Ml.Cnn.Core.Tests.Data;

public class ImageColumnTests
{
    private static readonly ImageShape Shape = new(2, 1, 2);

    // Three 2x1x2 images: row r holds r*10 + 0..3.
    private static ImageColumn ThreeImages() => new("Image", Shape, [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23]);

    [Fact]
    public void RowCount_IsPixelsOverImageSize()
    {
        var column = ThreeImages();
        Assert.Equal(3, column.RowCount);
        Assert.Equal(Shape, column.Shape);
        Assert.Equal("Image 2x1x2", column.TypeName);
    }

    [Fact]
    public void Constructor_RejectsAPartialImageNamingTheColumn()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageColumn("Pics", Shape, new byte[5]));
        Assert.Contains("'Pics'", e.Message);
        Assert.Contains("5 bytes", e.Message);
    }

    [Fact]
    public void Constructor_RejectsAnInvalidShape()
    {
        Assert.Throws<ArgumentException>(() => new ImageColumn("Image", new ImageShape(0, 2, 2), []));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Constructor_RejectsABlankName(string name)
    {
        Assert.Throws<ArgumentException>(() => new ImageColumn(name, Shape, new byte[4]));
    }

    [Fact]
    public void GetImage_ReturnsOneRow()
    {
        Assert.Equal(new byte[] { 10, 11, 12, 13 }, ThreeImages().GetImage(1).ToArray());
    }

    [Fact]
    public void CopyRows_CopiesTheRowsInOrderIncludingRepeats()
    {
        var destination = new byte[3 * Shape.Size];
        ThreeImages().CopyRows([2, 0, 2], destination);
        Assert.Equal(new byte[] { 20, 21, 22, 23, 0, 1, 2, 3, 20, 21, 22, 23 }, destination);
    }

    [Fact]
    public void CopyRows_LeavesTheRestOfALargerDestinationAlone()
    {
        var destination = Enumerable.Repeat((byte)99, 6).ToArray();
        ThreeImages().CopyRows([1], destination);
        Assert.Equal(new byte[] { 10, 11, 12, 13, 99, 99 }, destination);
    }

    [Fact]
    public void Select_ReturnsAnImageColumnWithACopyOfTheRows()
    {
        var source = new byte[] { 0, 1, 2, 3, 10, 11, 12, 13 };
        var column = new ImageColumn("Image", Shape, source);
        var selected = Assert.IsType<ImageColumn>(column.Select([1]));
        source[4] = 77;
        Assert.Equal("Image", selected.Name);
        Assert.Equal(Shape, selected.Shape);
        Assert.Equal(new byte[] { 10, 11, 12, 13 }, selected.Pixels.ToArray());
    }
}
