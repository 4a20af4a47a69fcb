using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>
/// A trained multilabel classifier: Transform adds Score (the sigmoid probability of each label; slot names are the label
/// names) and PredictedLabels (1 where <see cref="MultilabelDecision.IsPresent"/> holds for the probability, else 0, with the same
/// slot names).
/// </summary>
public sealed class CnnMultilabelModel : CnnModel
{
    internal CnnMultilabelModel(Network network, ModelMetadata metadata, TrainingHistory? history) : base(network, metadata, history)
    {
    }

    /// <summary>The label names in Score order.</summary>
    public IReadOnlyList<string> Labels => Metadata.Labels;

    /// <inheritdoc />
    public override DataView Transform(DataView input)
    {
        var (probabilities, _) = Run(input);
        var predicted = probabilities.Select(p => MultilabelDecision.IsPresent(p) ? 1f : 0f).ToArray();
        return input
            .WithColumn(new VectorColumn(DefaultColumnNames.Score, Labels.Count, probabilities, Labels))
            .WithColumn(new VectorColumn(DefaultColumnNames.PredictedLabels, Labels.Count, predicted, Labels));
    }

    /// <summary>Predicts a batch of images stored one after another.</summary>
    /// <param name="pixels">count images of <see cref="ModelMetadata.Input"/>.</param>
    /// <param name="count">Number of images.</param>
    public IReadOnlyList<MultilabelPrediction> PredictBatch(ReadOnlySpan<byte> pixels, int count)
    {
        var probabilities = Run(pixels, count);
        var k = Labels.Count;
        return Enumerable.Range(0, count).Select(i =>
        {
            var score = probabilities.AsSpan(i * k, k).ToArray();
            return new MultilabelPrediction(Enumerable.Range(0, k).Where(j => MultilabelDecision.IsPresent(score[j])).Select(j => Labels[j]).ToArray(), score);
        }).ToArray();
    }

    /// <summary>Loads a multilabel model saved by <see cref="CnnModel.Save"/>; a file of another task is refused.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="device">Where to run it. Default <see cref="ComputeDevice.Auto"/>.</param>
    public static new CnnMultilabelModel Load(string path, ComputeDevice device = ComputeDevice.Auto) => Load<CnnMultilabelModel>(path, device);
}
