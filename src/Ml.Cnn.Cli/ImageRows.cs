using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Cli;

/// <summary>
/// In-memory IDX images as an <see cref="IDataView"/>: a known-size <c>Vector&lt;Byte&gt;</c> image column of dimensions
/// C×H×W (the pixels the CNN reads), alone (for <c>mlcnn predict</c>) or joined row by row with the targets of a targets
/// file as the <c>Label</c> column (regression, multilabel).
/// </summary>
internal static class ImageRows
{
    /// <summary>The images alone, in an image column of the given name.</summary>
    public static IDataView Images(MLContext ml, string column, ImageShape shape, byte[] pixels)
    {
        var schema = SchemaDefinition.Create(typeof(ImageRow));
        schema[nameof(ImageRow.Image)].ColumnName = column;
        schema[nameof(ImageRow.Image)].ColumnType = ImageType(shape);
        return ml.Data.LoadFromEnumerable(Slices(shape, pixels).Select(p => new ImageRow { Image = p }), schema);
    }

    /// <summary>
    /// The images (column <c>Image</c>) with their targets (column <c>Label</c>): a Single when there is one target and
    /// <paramref name="vector"/> is false, else a vector of Single whose slot names are the target names. Cached, so
    /// training can shuffle it.
    /// </summary>
    public static IDataView WithTargets(MLContext ml, ImageShape shape, byte[] pixels, string[] names, float[] values, bool vector)
    {
        var images = Slices(shape, pixels);
        if (!vector && names.Length == 1)
        {
            var scalar = SchemaDefinition.Create(typeof(ScalarTargetRow));
            scalar[nameof(ScalarTargetRow.Image)].ColumnType = ImageType(shape);
            return ml.Data.Cache(ml.Data.LoadFromEnumerable(images.Select((p, i) => new ScalarTargetRow { Image = p, Label = values[i] }), scalar));
        }
        var schema = SchemaDefinition.Create(typeof(VectorTargetRow));
        schema[nameof(VectorTargetRow.Image)].ColumnType = ImageType(shape);
        var label = schema[nameof(VectorTargetRow.Label)];
        label.ColumnType = new VectorDataViewType(NumberDataViewType.Single, names.Length);
        var slots = new VBuffer<ReadOnlyMemory<char>>(names.Length, [.. names.Select(n => n.AsMemory())]);
        label.AddAnnotation("SlotNames", slots, new VectorDataViewType(TextDataViewType.Instance, names.Length));
        var width = names.Length;
        return ml.Data.Cache(ml.Data.LoadFromEnumerable(
            images.Select((p, i) => new VectorTargetRow { Image = p, Label = values[(i * width)..((i + 1) * width)] }), schema));
    }

    private static VectorDataViewType ImageType(ImageShape shape) => new(NumberDataViewType.Byte, shape.Channels, shape.Height, shape.Width);

    private static IEnumerable<byte[]> Slices(ImageShape shape, byte[] pixels) =>
        Enumerable.Range(0, pixels.Length / shape.Size).Select(i => pixels[(i * shape.Size)..((i + 1) * shape.Size)]);

    private sealed class ImageRow
    {
        public byte[] Image { get; set; } = [];
    }

    private sealed class ScalarTargetRow
    {
        public byte[] Image { get; set; } = [];

        public float Label { get; set; }
    }

    private sealed class VectorTargetRow
    {
        public byte[] Image { get; set; } = [];

        public float[] Label { get; set; } = [];
    }
}
