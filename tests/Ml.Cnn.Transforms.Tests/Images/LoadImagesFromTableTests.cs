using Microsoft.ML;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Transforms.Tests.Images;

/// <summary>How <c>ml.Data.LoadImagesFromTable</c> parses a TSV/CSV table of paths and labels, checks it and reports what it did.</summary>
public class LoadImagesFromTableTests
{
    private static ImageFileDataView Load(string table, ImageLoadOptions? options = null) =>
        new MLContext(1).Data.LoadImagesFromTable(table, options);

    private static string[] Labels(IDataView view) => TestImages.Text(view, "Label");

    private static string[] Paths(IDataView view) => TestImages.Text(view, ImageFileDataView.PathColumnName);

    private static string Image(TempFolder root, string relative, byte value) =>
        BmpFile.WriteSolid(Path.Combine(root.Path, relative), 2, 2, (value, value, value));

    [ImageCodecFact]
    public void TsvWithHeaderAndRelativeAndAbsolutePaths()
    {
        using var root = new TempFolder();
        var cat = Image(root, "img/cat1.bmp", 10);
        var dog = Image(root, "elsewhere/dog.bmp", 20);
        File.WriteAllText(root.File("list.tsv"), $"image\tlabel\nimg/cat1.bmp\tcat\n{dog}\tdog\n");

        var view = Load(root.File("list.tsv"));

        Assert.Equal([cat, dog], Paths(view));
        Assert.Equal(["cat", "dog"], Labels(view));
        Assert.Equal(new byte[] { 20, 20, 20, 20 }, TestImages.Decode(view, new ImageShape(3, 2, 2))[12..16]);
        Assert.Equal(["cat", "dog"], view.Summary.Classes);
    }

    [ImageCodecFact]
    public void CsvWithoutHeaderTakesPathThenLabel()
    {
        using var root = new TempFolder();
        var a = Image(root, "a.bmp", 1);
        var b = Image(root, "b.bmp", 2);
        File.WriteAllText(root.File("list.csv"), "a.bmp,x\n\nb.bmp , y \n");

        var view = Load(root.File("list.csv"));

        Assert.Equal([a, b], Paths(view));
        Assert.Equal(["x", "y"], Labels(view));
    }

    [ImageCodecFact]
    public void SemicolonSeparatedWithNamedColumnsInAnyOrder()
    {
        using var root = new TempFolder();
        var a = Image(root, "a b.bmp", 1);
        File.WriteAllText(root.File("list.txt"), "id;Class;FileName\n7;cat;a b.bmp\n");

        var view = Load(root.File("list.txt"));

        Assert.Equal([a], Paths(view));
        Assert.Equal(["cat"], Labels(view));
    }

    [ImageCodecFact]
    public void QuotedCellsMayHoldTheSeparator()
    {
        using var root = new TempFolder();
        var a = Image(root, "a,1.bmp", 1);
        File.WriteAllText(root.File("list.csv"), "path,label\n\"a,1.bmp\",\"big, \"\"red\"\"\"\n");

        var view = Load(root.File("list.csv"));

        Assert.Equal([a], Paths(view));
        Assert.Equal(["big, \"red\""], Labels(view));
    }

    [ImageCodecFact]
    public void AMissingFileIsAnErrorNamingTheRowUnlessSkipped()
    {
        using var root = new TempFolder();
        Image(root, "a.bmp", 1);
        File.WriteAllText(root.File("list.csv"), "path,label\na.bmp,cat\n\nmissing.bmp,dog\n");

        var e = Assert.Throws<ArgumentException>(() => Load(root.File("list.csv")));
        var view = Load(root.File("list.csv"), new ImageLoadOptions { SkipUnreadable = true });

        Assert.Contains("list.csv' row 4 names image file", e.Message);
        Assert.Contains(root.File("missing.bmp"), e.Message);
        Assert.Equal(["cat"], Labels(view));
        Assert.Equal(["list.csv row 4: missing.bmp"], view.Summary.SkippedFiles);
    }

    [ImageCodecFact]
    public void AnEmptyLabelIsAnErrorNamingTheRowUnlessSkipped()
    {
        using var root = new TempFolder();
        Image(root, "a.bmp", 1);
        Image(root, "b.bmp", 2);
        File.WriteAllText(root.File("list.tsv"), "a.bmp\tcat\nb.bmp\t\n");

        var e = Assert.Throws<ArgumentException>(() => Load(root.File("list.tsv")));
        var summary = Load(root.File("list.tsv"), new ImageLoadOptions { SkipUnreadable = true }).Summary;

        Assert.Contains("row 2 has an empty label for 'b.bmp'", e.Message);
        Assert.Equal((1, 1), (summary.ImagesLoaded, summary.UnreadableSkipped));
    }

    [Fact]
    public void AnUnrecognizedHeaderIsReadAsARowAndTheErrorSaysHowToNameIt()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.File("list.csv"), "picture,kind\na.bmp,cat\n");

        var e = Assert.Throws<ArgumentException>(() => Load(root.File("list.csv")));

        Assert.Contains("row 1 names image file", e.Message);
        Assert.Contains("name its columns path and label", e.Message);
    }

    [ImageCodecFact]
    public void AnUnreadableImageIsAnErrorNamingTheFileAndRow()
    {
        using var root = new TempFolder();
        Image(root, "a.bmp", 1);
        File.WriteAllText(root.File("b.png"), "not a png");
        File.WriteAllText(root.File("list.csv"), "a.bmp,cat\nb.png,dog\n");

        var e = Assert.Throws<ArgumentException>(() => Load(root.File("list.csv")));

        Assert.Contains($"Image file '{root.File("b.png")}' (list.csv row 2) is unreadable", e.Message);
    }

    [Fact]
    public void AMissingOrEmptyTableIsAnError()
    {
        using var root = new TempFolder();
        File.WriteAllText(root.File("empty.csv"), "\n\n");

        Assert.Throws<FileNotFoundException>(() => Load(root.File("none.csv")));
        Assert.Contains("is empty", Assert.Throws<ArgumentException>(() => Load(root.File("empty.csv"))).Message);
    }

    [ImageCodecFact]
    public void RowsWithExtraCellsAndFilesListedWithTwoLabelsAreWarnedAbout()
    {
        using var root = new TempFolder();
        Image(root, "a.bmp", 1);
        Image(root, "b.bmp", 2);
        File.WriteAllText(root.File("list.csv"), "path,label\na.bmp,cat\nb.bmp,dog,extra\na.bmp,dog\nb.bmp,dog\n");

        var view = Load(root.File("list.csv"));

        Assert.Equal(["cat", "dog", "dog", "dog"], Labels(view));
        var warnings = view.Summary.Warnings;
        Assert.Equal(2, warnings.Count);
        Assert.Contains("row 3 has 3 cells but the header names 2; the extra cells are ignored", warnings[0]);
        Assert.Contains("row 4 lists 'a.bmp' with label 'dog' but row 2 lists it with label 'cat'", warnings[1]);
    }

    [ImageCodecFact]
    public void AQuotedCellWithoutItsClosingQuoteOrAPathWithNulIsARowError()
    {
        using var root = new TempFolder();
        Image(root, "a.bmp", 1);
        File.WriteAllText(root.File("quote.csv"), "path,label\na.bmp,\"cat, big\nb.bmp,dog\n");
        File.WriteAllText(root.File("nul.csv"), "path,label\na.bmp,cat\na\0.bmp,dog\n");

        var quote = Assert.Throws<ArgumentException>(() => Load(root.File("quote.csv")));
        var nul = Assert.Throws<ArgumentException>(() => Load(root.File("nul.csv")));

        Assert.Contains("row 2 has a quoted cell without its closing quote", quote.Message);
        Assert.Contains("row 3 has a path with a NUL character", nul.Message);
    }
}
