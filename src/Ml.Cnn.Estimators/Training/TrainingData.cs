using Ml.Cnn.Legacy;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Training;

/// <summary>The columns a trainer reads, checked once: images, float targets and optional weights.</summary>
internal sealed class TrainingData
{
    private TrainingData(ImageColumn images, float[] targets, int targetColumns, float[]? weights, IReadOnlyList<IBatchAugmenter> augmenters)
    {
        Augmenters = augmenters;
        Images = images;
        Targets = targets;
        TargetColumns = targetColumns;
        Weights = weights;
    }

    public ImageColumn Images { get; }

    /// <summary>[rows × TargetColumns], row-major.</summary>
    public float[] Targets { get; }

    public int TargetColumns { get; }

    public float[]? Weights { get; }

    /// <summary>Augmentations attached to the view (applied to training batches only).</summary>
    public IReadOnlyList<IBatchAugmenter> Augmenters { get; }

    /// <summary>True when an augmenter mixes images, so class targets must become one-hot.</summary>
    public bool MixesTargets => Augmenters.Any(a => a.MixesTargets);

    public int Count => Images.RowCount;

    /// <summary>Reads and checks the columns; targets come from <paramref name="targets"/> (a bad value names the row).</summary>
    public static TrainingData From(DataView view, CnnTrainerOptions options, TargetReader targets, string role)
    {
        if (view.RowCount == 0) throw new ArgumentException($"The {role} data has no rows.");
        var images = view.GetColumn<ImageColumn>(options.ImageColumnName);
        var values = targets.Read(view, role);
        float[]? weights = null;
        if (options.ExampleWeightColumnName is { } weightColumn)
        {
            weights = view.GetColumn<ScalarColumn<float>>(weightColumn).Values.ToArray();
            for (var i = 0; i < weights.Length; i++)
                if (!float.IsFinite(weights[i]) || weights[i] < 0)
                    throw new ArgumentException($"The {role} data, column '{weightColumn}', row {i}: weight {weights[i]} must be finite and >= 0.");
        }
        return new TrainingData(images, values, targets.Columns, weights, view.Augmenters);
    }
}
