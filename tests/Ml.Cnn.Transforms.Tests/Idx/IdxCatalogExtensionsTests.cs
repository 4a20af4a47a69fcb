using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms.Tests.TestSupport;

namespace Ml.Cnn.Transforms.Tests.Idx;

public class IdxCatalogExtensionsTests
{
    private static string WriteSplit(TempFolder folder, int count, int height, int width, byte[] labels, bool gzip = false)
    {
        IdxFiles.WriteImages(folder.File("train-images-idx3-ubyte" + (gzip ? ".gz" : "")), count, height, width,
            IdxFiles.Ramp(count * height * width), gzip);
        IdxFiles.WriteLabels(folder.File("train-labels-idx1-ubyte" + (gzip ? ".gz" : "")), labels, gzip);
        return folder.Path;
    }

    private static (List<byte[]> Images, List<string> Labels) ReadAll(IDataView view, Random? rand = null)
    {
        var images = new List<byte[]>();
        var labels = new List<string>();
        using var cursor = view.GetRowCursor(view.Schema, rand);
        var image = cursor.GetGetter<VBuffer<byte>>(view.Schema["Image"]);
        var label = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Label"]);
        VBuffer<byte> pixels = default;
        ReadOnlyMemory<char> text = default;
        while (cursor.MoveNext())
        {
            image(ref pixels);
            label(ref text);
            images.Add(pixels.DenseValues().ToArray());
            labels.Add(text.ToString());
        }
        return (images, labels);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ColumnsAreKnownSizePixelsAndTextLabels(bool gzip)
    {
        using var folder = new TempFolder();
        WriteSplit(folder, 3, 2, 4, [7, 0, 255], gzip);

        var view = new MLContext(1).Data.LoadIdx(folder.Path, "train");
        var (images, labels) = ReadAll(view);

        Assert.Equal(["Image", "Label"], view.Schema.Select(c => c.Name));
        var type = Assert.IsType<VectorDataViewType>(view.Schema["Image"].Type);
        Assert.Equal(NumberDataViewType.Byte, type.ItemType);
        Assert.Equal([1, 2, 4], type.Dimensions.ToArray());
        Assert.Equal(TextDataViewType.Instance, view.Schema["Label"].Type);
        Assert.Equal(3, view.GetRowCount());
        Assert.True(view.CanShuffle);
        Assert.Equal(IdxFiles.Ramp(24).Chunk(8), images);
        Assert.Equal(["7", "0", "255"], labels);
    }

    [Fact]
    public void TheRawFileIsReadBeforeItsGzipCopy()
    {
        using var folder = new TempFolder();
        IdxFiles.WriteImages(folder.File("train-images-idx3-ubyte"), 2, 1, 3, [1, 2, 3, 4, 5, 6]);
        IdxFiles.WriteImages(folder.File("train-images-idx3-ubyte.gz"), 2, 1, 3, [9, 9, 9, 9, 9, 9], gzip: true);
        IdxFiles.WriteLabels(folder.File("train-labels-idx1-ubyte.gz"), [4, 8], gzip: true);

        var (images, labels) = ReadAll(new MLContext(1).Data.LoadIdx(folder.Path, "train"));

        Assert.Equal([[1, 2, 3], [4, 5, 6]], images);
        Assert.Equal(["4", "8"], labels);
    }

    [Fact]
    public void TheTrainerReadsTheImageColumnAsPixels()
    {
        using var folder = new TempFolder();
        WriteSplit(folder, 2, 3, 5, [1, 2]);

        var view = new MLContext(1).Data.LoadIdx(folder.Path, "train");
        var column = Features.ImageFeatureColumn.Inspect(view.Schema, "Image");

        Assert.Equal(Features.ImageFeatureKind.Pixels, column.Kind);
        Assert.Equal(new ImageShape(1, 3, 5), column.PixelShape);
    }

    [Fact]
    public void ShufflingVisitsEveryRowOnceInASeededOrder()
    {
        using var folder = new TempFolder();
        WriteSplit(folder, 40, 1, 2, [.. Enumerable.Range(0, 40).Select(i => (byte)i)]);
        var view = new MLContext(1).Data.LoadIdx(folder.Path, "train");

        var (_, first) = ReadAll(view, new Random(4));
        var (_, again) = ReadAll(view, new Random(4));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"{i}").Order(StringComparer.Ordinal), first.Order(StringComparer.Ordinal));
        Assert.Equal(first, again);
        Assert.NotEqual(ReadAll(view).Labels, first);
    }

    [Fact]
    public void AMissingFolderIsNamedWithTheFix()
    {
        using var folder = new TempFolder();
        var missing = folder.File("nowhere");

        var e = Assert.Throws<DirectoryNotFoundException>(() => new MLContext(1).Data.LoadIdx(missing, "train"));

        Assert.Contains(missing, e.Message);
        Assert.Contains("fetch-fashion-mnist.sh", e.Message);
    }

    [Fact]
    public void AMissingImageFileIsNamedWithItsGzipName()
    {
        using var folder = new TempFolder();
        IdxFiles.WriteLabels(folder.File("train-labels-idx1-ubyte"), [1]);

        var e = Assert.Throws<IdxFormatException>(() => new MLContext(1).Data.LoadIdx(folder.Path, "train"));

        Assert.EndsWith("train-images-idx3-ubyte", e.FilePath);
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
    }

    [Fact]
    public void AMissingFileIsNamedWithTheFix()
    {
        using var folder = new TempFolder();
        IdxFiles.WriteImages(folder.File("train-images-idx3-ubyte"), 1, 1, 1, [0]);

        var e = Assert.Throws<IdxFormatException>(() => new MLContext(1).Data.LoadIdx(folder.Path, "train"));

        Assert.Contains("train-labels-idx1-ubyte", e.Message);
        Assert.Contains("fetch-fashion-mnist.sh", e.Message);
    }

    [Fact]
    public void CountsThatDifferAreNamedWithBothFiles()
    {
        using var folder = new TempFolder();
        WriteSplit(folder, 2, 1, 1, [1, 2, 3]);

        var e = Assert.Throws<IdxFormatException>(() => new MLContext(1).Data.LoadIdx(folder.Path, "train"));

        Assert.EndsWith("train-labels-idx1-ubyte", e.FilePath);
        Assert.Contains("holds 3 labels", e.Message);
        Assert.Contains("train-images-idx3-ubyte holds 2 images", e.Message);
    }

    [FashionMnistFact]
    public void FashionMnistSplitsHaveTheirRowsAndBalancedClasses()
    {
        var data = new MLContext(1).Data;
        var train = data.LoadIdx(FashionMnistFactAttribute.Folder, "train");
        var test = data.LoadIdx(FashionMnistFactAttribute.Folder, "t10k");

        var counts = train.GetColumn<string>("Label").CountBy(l => l).ToDictionary();

        Assert.Equal([1, 28, 28], Assert.IsType<VectorDataViewType>(train.Schema["Image"].Type).Dimensions.ToArray());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{i}").Order(), counts.Keys.Order());
        Assert.All(counts.Values, n => Assert.Equal(6000, n));
        Assert.Equal(10_000, test.GetRowCount());
        Assert.Equal(10_000, test.GetColumn<string>("Label").Count());
    }
}
