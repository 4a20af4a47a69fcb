using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Legacy;
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
    public void ColumnsAreKnownSizePixelsAndTextLabelsEqualToTheLegacyLoader(bool gzip)
    {
        using var folder = new TempFolder();
        WriteSplit(folder, 3, 2, 4, [7, 0, 7], gzip);

        var view = new MLContext(1).Data.LoadIdx(folder.Path, "train");
        var legacy = new CnnContext(1).Data.LoadIdx(folder.Path, "train");
        var (images, labels) = ReadAll(view);

        Assert.Equal(["Image", "Label"], view.Schema.Select(c => c.Name));
        var type = Assert.IsType<VectorDataViewType>(view.Schema["Image"].Type);
        Assert.Equal(NumberDataViewType.Byte, type.ItemType);
        Assert.Equal([1, 2, 4], type.Dimensions.ToArray());
        Assert.Equal(TextDataViewType.Instance, view.Schema["Label"].Type);
        Assert.Equal(3, view.GetRowCount());
        Assert.True(view.CanShuffle);
        var legacyImages = legacy.GetColumn<ImageColumn>("Image");
        Assert.Equal(Enumerable.Range(0, 3).Select(i => legacyImages.GetImage(i).ToArray()), images);
        Assert.Equal(legacy.GetColumn<ScalarColumn<string>>("Label").Values, labels);
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
    public void AMissingFileIsNamedWithTheFix()
    {
        using var folder = new TempFolder();
        IdxFiles.WriteImages(folder.File("train-images-idx3-ubyte"), 1, 1, 1, [0]);

        var e = Assert.Throws<IdxFormatException>(() => new MLContext(1).Data.LoadIdx(folder.Path, "train"));

        Assert.Contains("train-labels-idx1-ubyte", e.Message);
        Assert.Contains("fetch-fashion-mnist.sh", e.Message);
    }

    [Fact]
    public void CountsThatDifferAreNamed()
    {
        using var folder = new TempFolder();
        WriteSplit(folder, 2, 1, 1, [1, 2, 3]);

        var e = Assert.Throws<IdxFormatException>(() => new MLContext(1).Data.LoadIdx(folder.Path, "train"));

        Assert.Contains("holds 3 labels", e.Message);
    }

    [FashionMnistFact]
    public void FashionMnistTestSplitEqualsTheLegacyLoader()
    {
        var view = new MLContext(1).Data.LoadIdx(FashionMnistFactAttribute.Folder, "t10k");
        var legacy = new CnnContext(1).Data.LoadIdx(FashionMnistFactAttribute.Folder, "t10k");
        var (images, labels) = ReadAll(view);

        Assert.Equal(10_000, view.GetRowCount());
        Assert.Equal(legacy.GetColumn<ScalarColumn<string>>("Label").Values, labels);
        var legacyImages = legacy.GetColumn<ImageColumn>("Image");
        foreach (var row in new[] { 0, 1, 4_999, 9_999 })
            Assert.Equal(legacyImages.GetImage(row).ToArray(), images[row]);
    }
}
