using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Augmentation;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;
using Ml.Cnn.Heads;
using Ml.Cnn.Training;

namespace Ml.Cnn.Trainers;

/// <summary>What the trainer learns about ML.NET data before training: the image shape and the augmentations.</summary>
internal static class TrainingInputs
{
    /// <summary>
    /// The image shape the model takes: from the options, else from the first image, which is read once to catch a wrong
    /// column (an undecodable file, scaled pixels) before training starts.
    /// </summary>
    public static ImageShape ResolveShape(IDataView data, ImageFeatureColumn feature, CnnTrainerOptions options)
    {
        using var cursor = data.GetRowCursor([data.Schema[feature.Name]]);
        if (!cursor.MoveNext()) throw new ArgumentException("The training data has no rows.");
        var reader = new ImageFeatureReader(cursor, feature);
        var stored = reader.ReadStoredShape();
        var shape = feature.DecodedShape(stored, options.ColorMode, options.ImageHeight, options.ImageWidth);
        reader.ReadPixels(shape, options.Resize, new byte[shape.Size]);
        return shape;
    }

    /// <summary>The training-time augmentations the augmentation transforms annotated on the image column, in pipeline order.</summary>
    public static IReadOnlyList<IBatchAugmenter> Augmenters(DataViewSchema.Column image) => AugmentationAnnotation.CreateAugmenters(image);
}
