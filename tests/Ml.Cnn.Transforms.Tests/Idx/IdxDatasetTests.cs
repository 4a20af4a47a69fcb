using Ml.Cnn.Legacy;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms.Tests.TestSupport;

namespace Ml.Cnn.Transforms.Tests.Idx;

public class IdxDatasetTests
{
    [Fact]
    public void Load_GivesImageAndLabelColumns()
    {
        using var folder = new TempFolder();
        var pixels = IdxFiles.Ramp(4 * 3 * 2);
        IdxFiles.WriteImages(folder.File("train-images-idx3-ubyte"), 4, 3, 2, pixels);
        IdxFiles.WriteLabels(folder.File("train-labels-idx1-ubyte"), [7, 0, 255, 7]);

        var view = IdxDataset.Load(folder.Path, "train");

        Assert.Equal(4, view.RowCount);
        Assert.Equal(["Image", "Label"], view.Columns.Select(c => c.Name));
        var images = view.GetColumn<ImageColumn>("Image");
        Assert.Equal(new ImageShape(1, 3, 2), images.Shape);
        Assert.Equal(pixels, images.Pixels.ToArray());
        Assert.Equal(["7", "0", "255", "7"], view.GetColumn<ScalarColumn<string>>("Label").Values);
    }

    [Fact]
    public void Load_ReadsGzipFilesAndUsesTheGivenColumnNames()
    {
        using var folder = new TempFolder();
        var pixels = IdxFiles.Ramp(2 * 2 * 2);
        IdxFiles.WriteImages(folder.File("t10k-images-idx3-ubyte.gz"), 2, 2, 2, pixels, gzip: true);
        IdxFiles.WriteLabels(folder.File("t10k-labels-idx1-ubyte.gz"), [1, 2], gzip: true);

        var view = IdxDataset.Load(folder.Path, "t10k", "Pixels", "Class");

        Assert.Equal(pixels, view.GetColumn<ImageColumn>("Pixels").Pixels.ToArray());
        Assert.Equal(["1", "2"], view.GetColumn<ScalarColumn<string>>("Class").Values);
    }

    [Fact]
    public void Load_LabelCountDifferentFromImageCountNamesBothFiles()
    {
        using var folder = new TempFolder();
        IdxFiles.WriteImages(folder.File("train-images-idx3-ubyte"), 3, 2, 2, IdxFiles.Ramp(12));
        IdxFiles.WriteLabels(folder.File("train-labels-idx1-ubyte"), [1, 2]);

        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(folder.Path, "train"));

        Assert.EndsWith("train-labels-idx1-ubyte", e.FilePath);
        Assert.Contains("2 labels", e.Message);
        Assert.Contains("train-images-idx3-ubyte holds 3 images", e.Message);
    }

    [Fact]
    public void Load_MissingFolderSaysHowToFetchTheData()
    {
        using var folder = new TempFolder();
        var missing = folder.File("nowhere");
        var e = Assert.Throws<DirectoryNotFoundException>(() => IdxDataset.Load(missing, "train"));
        Assert.Contains(missing, e.Message);
        Assert.Contains("fetch-fashion-mnist.sh", e.Message);
    }

    [Fact]
    public void Load_MissingImageFileNamesIt()
    {
        using var folder = new TempFolder();
        IdxFiles.WriteLabels(folder.File("train-labels-idx1-ubyte"), [1]);
        var e = Assert.Throws<IdxFormatException>(() => IdxDataset.Load(folder.Path, "train"));
        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.Contains(".gz", e.Message);
    }

    [Fact]
    public void FindFile_PrefersTheRawFileAndFallsBackToGz()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("x.gz"), [0]);
        Assert.Equal(folder.File("x.gz"), IdxDataset.FindFile(folder.Path, "x"));
        File.WriteAllBytes(folder.File("x"), [0]);
        Assert.Equal(folder.File("x"), IdxDataset.FindFile(folder.Path, "x"));
    }

    [FashionMnistFact]
    public void Load_FashionMnistTrainSplit()
    {
        var view = IdxDataset.Load(FashionMnistFactAttribute.Folder, "train");

        Assert.Equal(60000, view.RowCount);
        Assert.Equal(new ImageShape(1, 28, 28), view.GetColumn<ImageColumn>("Image").Shape);
        var counts = view.GetColumn<ScalarColumn<string>>("Label").Values.CountBy(l => l).ToDictionary();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(),
            counts.Keys.Order());
        Assert.All(counts.Values, n => Assert.Equal(6000, n));
    }
}
