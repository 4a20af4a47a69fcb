using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Augmentation;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;
using Ml.Cnn.Heads;
using Ml.Cnn.Legacy;
using Ml.Cnn.Training;

namespace Ml.Cnn.Trainers;

/// <summary>
/// Reads the rows a trainer needs from ML.NET data in one pass of a cursor (the image, label and weight columns only):
/// encoded images are kept as their files' bytes and decoded batch by batch; pixel vectors and MLImages are kept as uint8
/// pixels. The result feeds the training loop, with the augmentations annotated on the image column attached.
/// </summary>
internal static class TrainingTable
{
    /// <summary>The image shape the model takes: from the options, else from the first image.</summary>
    public static ImageShape ResolveShape(IDataView data, ImageFeatureColumn feature, CnnTrainerOptions options)
    {
        if (feature.Kind == ImageFeatureKind.Pixels) return feature.PixelShape!.Value;
        ImageShape stored;
        using (var cursor = data.GetRowCursor([data.Schema[feature.Name]]))
        {
            if (!cursor.MoveNext()) throw new ArgumentException("The training data has no rows.");
            stored = new ImageFeatureReader(cursor, feature).ReadStoredShape();
        }
        var channels = options.ColorMode is { } mode
            ? (int)mode
            : feature.Kind == ImageFeatureKind.EncodedBytes && stored.Channels <= 2 ? 1 : 3;
        return new ImageShape(channels, options.ImageHeight ?? stored.Height, options.ImageWidth ?? stored.Width);
    }

    /// <summary>Reads every row into a view of the columns the training loop reads (named as in the options).</summary>
    public static DataView Read(IDataView data, string role, ImageFeatureColumn feature, ImageShape shape, TaskHead head, CnnTrainerOptions options)
    {
        var schema = data.Schema;
        var label = schema.GetColumnOrNull(options.LabelColumnName) ?? throw new ArgumentOutOfRangeException(nameof(options),
            $"The {role} data has no label column '{options.LabelColumnName}'.");
        DataViewSchema.Column? weight = null;
        if (options.ExampleWeightColumnName is { } weightName)
        {
            weight = schema.GetColumnOrNull(weightName) ?? throw new ArgumentOutOfRangeException(nameof(options),
                $"The {role} data has no example-weight column '{weightName}'. Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
            if (weight.Value.Type != NumberDataViewType.Single)
                throw new ArgumentOutOfRangeException(nameof(options),
                    $"Schema mismatch for example-weight column '{weightName}': expected Single, got {ImageFeatureColumn.Describe(weight.Value.Type)}.");
        }
        var columns = new List<DataViewSchema.Column> { schema[feature.Name], label };
        if (weight is { } w) columns.Add(w);
        using var cursor = data.GetRowCursor(columns);
        var reader = new ImageFeatureReader(cursor, feature);
        var labels = head.CreateCollector(cursor, label);
        var weightGetter = weight is { } wc ? cursor.GetGetter<float>(wc) : null;
        var weights = new List<float>();
        var encoded = new List<byte[]>();
        var sources = new List<long>();
        var pixels = new MemoryStream();
        var image = new byte[shape.Size];
        while (cursor.MoveNext())
        {
            labels.Add();
            if (feature.Kind == ImageFeatureKind.EncodedBytes)
            {
                encoded.Add(reader.ReadEncoded());
                sources.Add(cursor.Position);
            }
            else
            {
                reader.ReadPixels(shape, options.Resize, image);
                pixels.Write(image);
            }
            if (weightGetter is not null)
            {
                var value = 0f;
                weightGetter(ref value);
                weights.Add(value);
            }
        }
        if (labels.Count == 0) throw new ArgumentException($"The {role} data has no rows.");
        ImageColumn images = feature.Kind == ImageFeatureKind.EncodedBytes
            ? new EncodedImageColumn(options.ImageColumnName, shape, options.Resize, encoded, sources)
            : new ImageColumn(options.ImageColumnName, shape, pixels.ToArray());
        var result = new List<DataColumn> { images, labels.ToColumn(options.LabelColumnName) };
        if (weight is not null) result.Add(new ScalarColumn<float>(options.ExampleWeightColumnName!, [.. weights]));
        var view = new DataView(result);
        foreach (var augmenter in AugmentationAnnotation.CreateAugmenters(schema[feature.Name])) view = view.WithAugmenter(augmenter);
        return view;
    }
}
