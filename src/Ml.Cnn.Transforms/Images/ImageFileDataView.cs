using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>
/// The rows of <c>mlContext.Data.LoadImagesFromFolder</c> and <c>LoadImagesFromTable</c>: <c>ImagePath</c> (text),
/// the label (text) and the image, a variable-size <c>Vector&lt;Byte&gt;</c> holding the file's bytes (encoded, as ML.NET's
/// <c>LoadRawImageBytes</c> makes it: the CNN trainers decode it natively). Only paths and labels are in memory; a file is
/// read when a cursor asks for its row's image, so a cursor over the other columns reads no file and a folder larger
/// than memory streams. The view can shuffle (a cursor given a <see cref="Random"/> visits a permutation drawn from it),
/// knows its row count, and its row ids are the row indices.
/// </summary>
public sealed class ImageFileDataView : IDataView
{
    /// <summary>The name of the column of image paths: <c>ImagePath</c>, as in ML.NET's image classification samples.</summary>
    public const string PathColumnName = "ImagePath";

    private readonly IndexedDataView _rows;

    /// <summary>Serves the files a load found and checked.</summary>
    /// <param name="found">The files, their labels and the summary of the load.</param>
    /// <param name="options">The options of the load (the column names).</param>
    internal ImageFileDataView(ImageFileListing found, ImageLoadOptions options)
    {
        var paths = found.Paths;
        var image = IndexedColumn.Create(options.ImageColumnName, new VectorDataViewType(NumberDataViewType.Byte),
            (int row, ref VBuffer<byte> value) => ReadFile(paths[row], row, ref value));
        _rows = new IndexedDataView([IndexedColumn.Text(PathColumnName, paths), IndexedColumn.Text(options.LabelColumnName, found.Labels), image],
            paths.Count);
        Summary = found.Summary;
    }

    /// <summary>What the load did: images kept, files ignored or skipped, and the classes found.</summary>
    public ImageLoadSummary Summary { get; }

    /// <inheritdoc/>
    public bool CanShuffle => _rows.CanShuffle;

    /// <inheritdoc/>
    public DataViewSchema Schema => _rows.Schema;

    /// <inheritdoc/>
    public long? GetRowCount() => _rows.GetRowCount();

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        _rows.GetRowCursor(columnsNeeded, rand);

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        _rows.GetRowCursorSet(columnsNeeded, n, rand);

    /// <summary>Throws unless the option names leave room for the <see cref="PathColumnName"/> column.</summary>
    /// <param name="options">Validated options.</param>
    internal static void CheckNames(ImageLoadOptions options)
    {
        foreach (var (option, name) in new[] { ("ImageColumnName", options.ImageColumnName), ("LabelColumnName", options.LabelColumnName) })
            if (name == PathColumnName)
                throw new ArgumentException(
                    $"ImageLoadOptions.{option} is '{name}', the name of the column of image paths; choose another name.", option);
    }

    private static void ReadFile(string path, int row, ref VBuffer<byte> value)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (file.Length > Array.MaxLength)
                throw new IOException($"the file holds {file.Length} bytes, more than one image column value can hold");
            var editor = VBufferEditor.Create(ref value, (int)file.Length);
            file.ReadExactly(editor.Values);
            value = editor.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, row, $"the file could not be read ({e.Message.TrimEnd('.')})", e);
        }
    }
}
