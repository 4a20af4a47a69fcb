using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>
/// A trained CNN classifier: Transform adds Score (softmax probability per class; slot names are the labels) and
/// PredictedLabel (the original label value).
/// </summary>
public sealed class CnnMulticlassModel : CnnModel
{
    internal CnnMulticlassModel(Network network, ModelMetadata metadata, TrainingHistory? history) : base(network, metadata, history)
    {
    }

    /// <summary>The class label values in Score order.</summary>
    public IReadOnlyList<string> Labels => Metadata.Labels;

    /// <inheritdoc />
    public override DataView Transform(DataView input)
    {
        var (probabilities, rows) = Run(input);
        var classes = Labels.Count;
        var predicted = new string[rows];
        for (var i = 0; i < rows; i++) predicted[i] = Labels[Prediction.ArgMax(probabilities.AsSpan(i * classes, classes))];
        return input
            .WithColumn(new VectorColumn(DefaultColumnNames.Score, classes, probabilities, Metadata.Labels))
            .WithColumn(new ScalarColumn<string>(DefaultColumnNames.PredictedLabel, predicted));
    }

    /// <summary>Predicts one image (uint8 CHW pixels of <see cref="ModelMetadata.Input"/>).</summary>
    /// <param name="pixels">The image.</param>
    public CnnPrediction Predict(ReadOnlySpan<byte> pixels) => PredictBatch(pixels, 1)[0];

    /// <summary>Predicts a batch of images stored one after another.</summary>
    /// <param name="pixels">count images of <see cref="ModelMetadata.Input"/>.</param>
    /// <param name="count">Number of images.</param>
    public IReadOnlyList<CnnPrediction> PredictBatch(ReadOnlySpan<byte> pixels, int count)
    {
        var probabilities = Run(pixels, count);
        var classes = Labels.Count;
        return Enumerable.Range(0, count).Select(i =>
        {
            var score = probabilities.AsSpan(i * classes, classes).ToArray();
            return new CnnPrediction(Labels[Prediction.ArgMax(score)], score);
        }).ToArray();
    }

    /// <summary>Loads a multiclass model saved by <see cref="CnnModel.Save"/>; a file of another task is refused.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="device">Where to run it. Default <see cref="ComputeDevice.Auto"/>.</param>
    public static new CnnMulticlassModel Load(string path, ComputeDevice device = ComputeDevice.Auto) => Load<CnnMulticlassModel>(path, device);
}
