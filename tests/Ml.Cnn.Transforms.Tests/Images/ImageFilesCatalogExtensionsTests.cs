using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Transforms.Tests.Images;

public class ImageFilesCatalogExtensionsTests
{
    /// <summary>A class-folder tree: cat (2 images, one below a subfolder), dog (1 image) and a text file that is ignored.</summary>
    private static string WriteFolder(TempFolder root)
    {
        BmpFile.WriteSolid(Path.Combine(root.Path, "cat", "a.bmp"), 2, 3, (1, 2, 3));
        BmpFile.WriteSolid(Path.Combine(root.Path, "cat", "sub", "b.bmp"), 3, 2, (4, 5, 6));
        BmpFile.WriteSolid(Path.Combine(root.Path, "dog", "c.bmp"), 2, 2, (7, 8, 9));
        File.WriteAllText(Path.Combine(root.Path, "dog", "notes.txt"), "not an image");
        return root.Path;
    }

    private static List<(string Path, string Label)> PathsAndLabels(IDataView view, Random? rand = null)
    {
        var rows = new List<(string, string)>();
        using var cursor = view.GetRowCursor([view.Schema["ImagePath"], view.Schema["Label"]], rand);
        var path = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["ImagePath"]);
        var label = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Label"]);
        ReadOnlyMemory<char> p = default, l = default;
        while (cursor.MoveNext())
        {
            path(ref p);
            label(ref l);
            rows.Add((p.ToString(), l.ToString()));
        }
        return rows;
    }

    private static List<byte[]> Images(IDataView view) => TestImages.Bytes(view);

    private static void AssertRows(ImageFileDataView view, string[] paths, string[] labels)
    {
        var rows = PathsAndLabels(view);
        Assert.Equal(paths, rows.Select(r => r.Path));
        Assert.Equal(labels, rows.Select(r => r.Label));
        Assert.Equal(paths.Select(File.ReadAllBytes), Images(view));
    }

    [ImageCodecFact]
    public void FolderColumnsArePathLabelAndFileBytes()
    {
        using var root = new TempFolder();
        WriteFolder(root);

        var view = new MLContext(1).Data.LoadImagesFromFolder(root.Path);

        Assert.Equal(["ImagePath", "Label", "Image"], view.Schema.Select(c => c.Name));
        Assert.Equal(TextDataViewType.Instance, view.Schema["ImagePath"].Type);
        Assert.Equal(TextDataViewType.Instance, view.Schema["Label"].Type);
        var image = Assert.IsType<VectorDataViewType>(view.Schema["Image"].Type);
        Assert.Equal(NumberDataViewType.Byte, image.ItemType);
        Assert.False(image.IsKnownSize);
        Assert.Equal(Features.ImageFeatureKind.EncodedBytes, Features.ImageFeatureColumn.Inspect(view.Schema, "Image").Kind);
        Assert.Equal(3, view.GetRowCount());
        Assert.True(view.CanShuffle);
        Assert.Equal(["cat", "dog"], view.Summary.Classes);
        Assert.Equal(1, view.Summary.NonImageFilesIgnored);
        Assert.Equal(3, view.Preview().RowView.Length);
    }

    [ImageCodecFact]
    public void FolderRowsArePathsLabelsAndTheFilesBytesInOrder()
    {
        using var root = new TempFolder();
        WriteFolder(root);

        var view = new MLContext(1).Data.LoadImagesFromFolder(root.Path);

        string[] paths = [Path.Combine(root.Path, "cat", "a.bmp"), Path.Combine(root.Path, "cat", "sub", "b.bmp"), Path.Combine(root.Path, "dog", "c.bmp")];
        AssertRows(view, paths, ["cat", "cat", "dog"]);
        Assert.Equal("3 images, 2 classes; 1 non-image files ignored; 0 unreadable skipped", view.Summary.ToString());
    }

    [ImageCodecFact]
    public void TableRowsArePathsLabelsAndTheFilesBytesInTableOrder()
    {
        using var root = new TempFolder();
        WriteFolder(root);
        var table = root.File("labels.csv");
        File.WriteAllLines(table, ["label,path", "dog,cat/a.bmp", "cat,dog/c.bmp", "\"a, b\",cat/sub/b.bmp"]);

        var view = new MLContext(1).Data.LoadImagesFromTable(table);

        string[] paths = [Path.Combine(root.Path, "cat", "a.bmp"), Path.Combine(root.Path, "dog", "c.bmp"), Path.Combine(root.Path, "cat", "sub", "b.bmp")];
        AssertRows(view, paths, ["dog", "cat", "a, b"]);
        Assert.Equal(["a, b", "cat", "dog"], view.Summary.Classes);
    }

    [ImageCodecFact]
    public void ACursorOverLabelsAndPathsReadsNoFile()
    {
        using var root = new TempFolder();
        WriteFolder(root);
        var view = new MLContext(1).Data.LoadImagesFromFolder(root.Path);
        var expected = PathsAndLabels(view);

        foreach (var (path, _) in expected) File.Delete(path);

        Assert.Equal(expected, PathsAndLabels(view));
        using var cursor = view.GetRowCursor(view.Schema);
        while (cursor.MoveNext()) { }
    }

    [ImageCodecFact]
    public void AFileGoneSinceTheLoadIsNamedWithItsRow()
    {
        using var root = new TempFolder();
        WriteFolder(root);
        var view = new MLContext(1).Data.LoadImagesFromFolder(root.Path);
        var gone = PathsAndLabels(view)[1].Path;
        File.Delete(gone);

        var e = Assert.Throws<ImageDecodeException>(() => Images(view));

        Assert.Equal(gone, e.FilePath);
        Assert.Equal(1, e.Row);
        Assert.Contains($"'{gone}' (row 1)", e.Message);
        Assert.Contains("could not be read", e.Message);
    }

    [ImageCodecFact]
    public void ShufflingVisitsEveryRowOnceInASeededOrder()
    {
        using var root = new TempFolder();
        for (var i = 0; i < 30; i++) BmpFile.WriteSolid(Path.Combine(root.Path, $"c{i % 3}", $"{i:D2}.bmp"), 1, 1, ((byte)i, 0, 0));
        var view = new MLContext(1).Data.LoadImagesFromFolder(root.Path);

        var ordered = PathsAndLabels(view);
        var first = PathsAndLabels(view, new Random(9));

        Assert.Equal(ordered.Order(), first.Order());
        Assert.Equal(first, PathsAndLabels(view, new Random(9)));
        Assert.NotEqual(ordered, first);
    }

    [ImageCodecFact]
    public void ColumnNamesComeFromTheOptions()
    {
        using var root = new TempFolder();
        WriteFolder(root);

        var view = new MLContext(1).Data.LoadImagesFromFolder(root.Path, new ImageLoadOptions { ImageColumnName = "Bytes", LabelColumnName = "Class" });

        Assert.Equal(["ImagePath", "Class", "Bytes"], view.Schema.Select(c => c.Name));
    }

    [Fact]
    public void AColumnNamedImagePathInTheOptionsIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new MLContext(1).Data.LoadImagesFromFolder("unused", new ImageLoadOptions { LabelColumnName = "ImagePath" }));

        Assert.Contains("ImageLoadOptions.LabelColumnName is 'ImagePath'", e.Message);
        Assert.Equal("LabelColumnName", e.ParamName);
    }

    [ImageCodecFact]
    public void AnUnreadableFileStopsTheLoadNamingItUnlessSkipped()
    {
        using var root = new TempFolder();
        WriteFolder(root);
        var broken = Path.Combine(root.Path, "dog", "broken.png");
        File.WriteAllText(broken, "not a png");

        var e = Assert.Throws<ArgumentException>(() => new MLContext(1).Data.LoadImagesFromFolder(root.Path));
        var skipped = new MLContext(1).Data.LoadImagesFromFolder(root.Path, new ImageLoadOptions { SkipUnreadable = true });

        Assert.Contains(broken, e.Message);
        Assert.Equal(3, skipped.GetRowCount());
        Assert.Equal(1, skipped.Summary.UnreadableSkipped);
    }
}
