namespace Ml.Cnn.Training;

/// <summary>The columns a trainer reads, checked once: images, label keys and optional weights.</summary>
internal sealed class TrainingData
{
    private TrainingData(ImageColumn images, long[] labels, float[]? weights)
    {
        Images = images;
        Labels = labels;
        Weights = weights;
    }

    public ImageColumn Images { get; }

    public long[] Labels { get; }

    public float[]? Weights { get; }

    public int Count => Labels.Length;

    /// <summary>Reads and checks the columns; labels map through <paramref name="keys"/> (unknown labels name the row).</summary>
    public static TrainingData From(DataView view, CnnTrainerOptions options, LabelKeyMap keys, string role)
    {
        if (view.RowCount == 0) throw new ArgumentException($"The {role} data has no rows.");
        var images = view.GetColumn<ImageColumn>(options.ImageColumnName);
        var labels = ReadLabels(view, options.LabelColumnName);
        long[] keyed;
        try
        {
            keyed = keys.ToKeys(labels);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The {role} data, column '{options.LabelColumnName}': {e.Message}", e);
        }
        float[]? weights = null;
        if (options.ExampleWeightColumnName is { } weightColumn)
        {
            weights = view.GetColumn<ScalarColumn<float>>(weightColumn).Values.ToArray();
            for (var i = 0; i < weights.Length; i++)
                if (!float.IsFinite(weights[i]) || weights[i] < 0)
                    throw new ArgumentException($"The {role} data, column '{weightColumn}', row {i}: weight {weights[i]} must be finite and >= 0.");
        }
        return new TrainingData(images, keyed, weights);
    }

    /// <summary>The label column as text values.</summary>
    public static IReadOnlyList<string> ReadLabels(DataView view, string column) =>
        view.GetColumn<ScalarColumn<string>>(column).Values;
}
