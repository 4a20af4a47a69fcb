using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Transforms.Tests.Images;

public class ImageFileColumnTests
{
    private static readonly ImageShape Shape = new(3, 3, 2);

    private static string[] WriteImages(TempFolder root, int count) =>
        Enumerable.Range(0, count).Select(i => BmpFile.Write(root.File($"{i:D3}.bmp"), Shape, TestImages.Pattern(Shape, i))).ToArray();

    [ImageCodecFact]
    public void CopyRowsDecodesABatchInRowOrder()
    {
        using var root = new TempFolder();
        var paths = WriteImages(root, 40);
        var column = new ImageFileColumn("Image", paths, Shape, ResizeMode.Bilinear);
        int[] rows = [39, 0, 17, 17, 5];

        var batch = new byte[rows.Length * Shape.Size];
        column.CopyRows(rows, batch);

        Assert.Equal(rows.SelectMany(r => TestImages.Pattern(Shape, r)), batch);
        Assert.False(column.InMemory);
        Assert.Equal(40, column.Summary.ImagesLoaded);
    }

    [ImageCodecFact]
    public void CopyRowsReadsOnlyTheRequestedFiles()
    {
        using var root = new TempFolder();
        var paths = WriteImages(root, 4);
        var column = new ImageFileColumn("Image", paths, Shape, ResizeMode.Bilinear);
        File.Delete(paths[0]);
        File.WriteAllText(paths[3], "corrupt now");

        var batch = new byte[2 * Shape.Size];
        column.CopyRows([2, 1], batch);

        Assert.Equal(TestImages.Pattern(Shape, 2).Concat(TestImages.Pattern(Shape, 1)), batch);
        var missing = Assert.Throws<ImageDecodeException>(() => column.GetImage(0));
        Assert.Equal((paths[0], 0), (missing.FilePath, missing.Row));
        var corrupt = Assert.Throws<ImageDecodeException>(() => column.CopyRows([1, 3], batch));
        Assert.Equal((paths[3], 3), (corrupt.FilePath, corrupt.Row));
        Assert.Contains($"Image '{paths[3]}' (row 3) could not be decoded", corrupt.Message);
        Assert.IsType<CnnNativeException>(corrupt.InnerException);
    }

    [ImageCodecFact]
    public void AFileCorruptAfterItsHeaderLoadsAndFailsAtItsBatch()
    {
        using var root = new TempFolder();
        BmpFile.WriteSolid(Path.Combine(root.Path, "a", "good.bmp"), 8, 8, (1, 2, 3));
        var png = TestImages.WritePng(Path.Combine(root.Path, "b", "cut.png"), new ImageShape(3, 8, 8), TestImages.Pattern(new ImageShape(3, 8, 8)));
        File.WriteAllBytes(png, File.ReadAllBytes(png)[..40]);

        var column = new CnnContext(1).Data.LoadImagesFromFolder(root.Path).GetColumn<ImageFileColumn>("Image");

        Assert.Equal(2, column.RowCount);
        var e = Assert.Throws<ImageDecodeException>(() => column.GetImage(1));
        Assert.Equal(png, e.FilePath);
        Assert.Contains("Replace or remove the file", e.Message);
    }

    [ImageCodecFact]
    public void SelectKeepsPathsAndTheSummary()
    {
        using var root = new TempFolder();
        var paths = WriteImages(root, 3);
        var column = new ImageFileColumn("Image", paths, Shape, ResizeMode.Nearest);

        var picked = Assert.IsType<ImageFileColumn>(column.Select([2, 0]));

        Assert.Equal([paths[2], paths[0]], picked.Paths);
        Assert.Equal((Shape, ResizeMode.Nearest), (picked.Shape, picked.Resize));
        Assert.Same(column.Summary, picked.Summary);
        Assert.Equal(TestImages.Pattern(Shape, 2), picked.GetImage(0).ToArray());
    }

    [Fact]
    public void InvalidArgumentsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new ImageFileColumn("Image", ["a.png"], new ImageShape(2, 4, 4), ResizeMode.Bilinear));
        Assert.Throws<ArgumentException>(() => new ImageFileColumn("Image", [""], Shape, ResizeMode.Bilinear));
        var column = new ImageFileColumn("Image", ["a.png"], Shape, ResizeMode.Bilinear);
        Assert.Throws<ArgumentOutOfRangeException>(() => column.CopyRows([1], new byte[Shape.Size]));
        Assert.Throws<ArgumentException>(() => column.CopyRows([0], new byte[Shape.Size - 1]));
    }
}
