using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Transforms;

namespace Ml.Cnn;

/// <summary>IDX (MNIST-format) files on ML.NET's <see cref="DataOperationsCatalog"/>: <c>mlContext.Data.LoadIdx(...)</c>.</summary>
public static class IdxCatalogExtensions
{
    /// <summary>
    /// Loads an MNIST-format split from a folder (e.g. <c>LoadIdx("data/fashion-mnist", "train")</c>), read once into memory
    /// (each file raw or gzip-compressed, the raw file first; see <see cref="IdxReader"/> for the checks). Columns: <c>Image</c>, a known-size <c>Vector&lt;Byte&gt;</c> of pixels with dimensions
    /// 1×H×W (the CNN trainers read it as pixels), and <c>Label</c>, the label value as text (add <c>MapValueToKey</c> for
    /// the multiclass trainer). The view can shuffle, knows its row count, and its row ids are the row indices.
    /// </summary>
    /// <param name="catalog">ML.NET's data catalog.</param>
    /// <param name="folder">The folder holding <c>SPLIT-images-idx3-ubyte</c> and <c>SPLIT-labels-idx1-ubyte</c> (raw or .gz).</param>
    /// <param name="split">The file prefix: <c>train</c> or <c>t10k</c>.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IdxFormatException">A file is missing, malformed, or the counts of images and labels differ (the message names the file).</exception>
    public static IDataView LoadIdx(this DataOperationsCatalog catalog, string folder, string split)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var found = IdxSplit.Read(folder, split);
        var shape = found.Shape;
        var pixels = IndexedColumn.Create(DefaultColumnNames.Image,
            new VectorDataViewType(NumberDataViewType.Byte, shape.Channels, shape.Height, shape.Width),
            (int row, ref VBuffer<byte> value) =>
            {
                var editor = VBufferEditor.Create(ref value, shape.Size);
                found.Pixels.AsSpan(row * shape.Size, shape.Size).CopyTo(editor.Values);
                value = editor.Commit();
            });
        var labels = IndexedColumn.Create(DefaultColumnNames.Label, TextDataViewType.Instance,
            (int row, ref ReadOnlyMemory<char> value) => value = found.LabelText(row).AsMemory());
        return new IndexedDataView([pixels, labels], found.Count);
    }
}
