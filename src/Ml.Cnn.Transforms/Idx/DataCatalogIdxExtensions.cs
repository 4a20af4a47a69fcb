using Ml.Cnn.Legacy;
namespace Ml.Cnn.Legacy;

/// <summary>IDX loading on <see cref="DataCatalog"/>.</summary>
public static class DataCatalogIdxExtensions
{
    /// <summary>Loads an MNIST-format split from a folder (e.g. <c>LoadIdx("data/fashion-mnist", "train")</c>).</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="directory">The folder holding <c>SPLIT-images-idx3-ubyte</c> and <c>SPLIT-labels-idx1-ubyte</c> (raw or .gz).</param>
    /// <param name="split">The file prefix: <c>train</c> or <c>t10k</c>.</param>
    public static DataView LoadIdx(this DataCatalog catalog, string directory, string split) =>
        Transforms.IdxDataset.Load(directory, split);

    /// <summary>Wraps in-memory images and labels as a view with Image and Label columns.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="shape">The shape of every image.</param>
    /// <param name="pixels">uint8 CHW pixels, image after image.</param>
    /// <param name="labels">One label per image.</param>
    public static DataView LoadFromArrays(this DataCatalog catalog, ImageShape shape, byte[] pixels, string[] labels)
    {
        var images = new ImageColumn(DefaultColumnNames.Image, shape, pixels);
        if (labels.Length != images.RowCount)
            throw new ArgumentException($"{labels.Length} labels for {images.RowCount} images; give one label per image.", nameof(labels));
        return new DataView([images, new ScalarColumn<string>(DefaultColumnNames.Label, labels)]);
    }
}
