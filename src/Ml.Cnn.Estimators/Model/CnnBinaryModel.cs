using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>
/// A trained binary classifier: Transform adds Score (the raw logit), Probability (its sigmoid) and PredictedLabel
/// (true when the score is at least 0, i.e. the probability at least 0.5), as ML.NET's binary classifiers do.
/// </summary>
public sealed class CnnBinaryModel : CnnModel
{
    internal CnnBinaryModel(Network network, ModelMetadata metadata, TrainingHistory? history) : base(network, metadata, history)
    {
    }

    /// <inheritdoc />
    public override DataView Transform(DataView input)
    {
        var (scores, rows) = Run(input, OutputHead.Identity);
        var probabilities = new float[rows];
        var predicted = new bool[rows];
        for (var i = 0; i < rows; i++)
        {
            probabilities[i] = Sigmoid(scores[i]);
            predicted[i] = scores[i] >= 0;
        }
        return input
            .WithColumn(new ScalarColumn<float>(DefaultColumnNames.Score, scores))
            .WithColumn(new ScalarColumn<float>(DefaultColumnNames.Probability, probabilities))
            .WithColumn(new ScalarColumn<bool>(DefaultColumnNames.PredictedLabel, predicted));
    }

    /// <summary>Predicts a batch of images stored one after another.</summary>
    /// <param name="pixels">count images of <see cref="ModelMetadata.Input"/>.</param>
    /// <param name="count">Number of images.</param>
    public IReadOnlyList<BinaryPrediction> PredictBatch(ReadOnlySpan<byte> pixels, int count) =>
        Run(pixels, count, OutputHead.Identity).Select(s => new BinaryPrediction(s >= 0, Sigmoid(s), s)).ToArray();

    /// <summary>Loads a binary model saved by <see cref="CnnModel.Save"/>; a file of another task is refused.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="device">Where to run it. Default <see cref="ComputeDevice.Auto"/>.</param>
    public static new CnnBinaryModel Load(string path, ComputeDevice device = ComputeDevice.Auto) => Load<CnnBinaryModel>(path, device);

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
