using Ml.Cnn.Legacy;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Transforms.Tests.Idx;

public class DataCatalogIdxExtensionsTests
{
    [Fact]
    public void LoadIdx_LoadsTheSplitThroughTheContext()
    {
        using var folder = new TempFolder();
        IdxFiles.WriteImages(folder.File("train-images-idx3-ubyte"), 2, 1, 3, [1, 2, 3, 4, 5, 6]);
        IdxFiles.WriteLabels(folder.File("train-labels-idx1-ubyte.gz"), [4, 8], gzip: true);

        var view = new CnnContext(1).Data.LoadIdx(folder.Path, "train");

        Assert.Equal(new byte[] { 4, 5, 6 }, view.GetColumn<ImageColumn>(DefaultColumnNames.Image).GetImage(1).ToArray());
        Assert.Equal(["4", "8"], view.GetColumn<ScalarColumn<string>>(DefaultColumnNames.Label).Values);
    }

    [Fact]
    public void LoadFromArrays_WrapsImagesAndLabels()
    {
        var view = new CnnContext(1).Data.LoadFromArrays(new ImageShape(3, 1, 1), [1, 2, 3, 4, 5, 6], ["cat", "dog"]);

        Assert.Equal(2, view.RowCount);
        Assert.Equal(new byte[] { 4, 5, 6 }, view.GetColumn<ImageColumn>(DefaultColumnNames.Image).GetImage(1).ToArray());
        Assert.Equal(["cat", "dog"], view.GetColumn<ScalarColumn<string>>(DefaultColumnNames.Label).Values);
    }

    [Fact]
    public void LoadFromArrays_LabelCountDifferentFromImageCountThrows()
    {
        var data = new CnnContext(1).Data;
        var e = Assert.Throws<ArgumentException>(() => data.LoadFromArrays(new ImageShape(1, 2, 2), new byte[12], ["a", "b"]));
        Assert.Contains("2 labels for 3 images", e.Message);
        Assert.Equal("labels", e.ParamName);
    }

    [Fact]
    public void LoadFromArrays_PartialImageThrows()
    {
        var data = new CnnContext(1).Data;
        Assert.Throws<ArgumentException>(() => data.LoadFromArrays(new ImageShape(1, 2, 2), new byte[6], ["a"]));
    }
}
