using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>
/// A trained regression model: Transform adds Score, a float column for one output or a vector column (slot names are the
/// target names) for several.
/// </summary>
public sealed class CnnRegressionModel : CnnModel
{
    internal CnnRegressionModel(Network network, ModelMetadata metadata, TrainingHistory? history) : base(network, metadata, history)
    {
    }

    /// <summary>The names of the predicted values, in Score order.</summary>
    public IReadOnlyList<string> Targets => Metadata.Labels;

    /// <inheritdoc />
    public override DataView Transform(DataView input)
    {
        var (scores, _) = Run(input);
        DataColumn column = Metadata.Outputs == 1
            ? new ScalarColumn<float>(DefaultColumnNames.Score, scores)
            : new VectorColumn(DefaultColumnNames.Score, Metadata.Outputs, scores, Targets);
        return input.WithColumn(column);
    }

    /// <summary>Predicts a batch of images stored one after another: [count × outputs] values, row-major.</summary>
    /// <param name="pixels">count images of <see cref="ModelMetadata.Input"/>.</param>
    /// <param name="count">Number of images.</param>
    public float[] PredictBatch(ReadOnlySpan<byte> pixels, int count) => Run(pixels, count);

    /// <summary>Loads a regression model saved by <see cref="CnnModel.Save"/>; a file of another task is refused.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="device">Where to run it. Default <see cref="ComputeDevice.Auto"/>.</param>
    public static new CnnRegressionModel Load(string path, ComputeDevice device = ComputeDevice.Auto) => Load<CnnRegressionModel>(path, device);
}
