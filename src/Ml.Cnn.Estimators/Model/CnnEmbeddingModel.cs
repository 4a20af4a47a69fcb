using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>A trained embedding model: Transform adds Embedding, the L2-normalized output vector of each image.</summary>
public sealed class CnnEmbeddingModel : CnnModel
{
    internal CnnEmbeddingModel(Network network, ModelMetadata metadata, TrainingHistory? history) : base(network, metadata, history)
    {
    }

    /// <summary>Values per embedding.</summary>
    public int Dimension => Metadata.Outputs;

    /// <inheritdoc />
    public override DataView Transform(DataView input)
    {
        var (embeddings, _) = Run(input);
        return input.WithColumn(new VectorColumn(DefaultColumnNames.Embedding, Dimension, embeddings));
    }

    /// <summary>Embeds a batch of images stored one after another: [count × dimension] values, row-major, each row of unit length.</summary>
    /// <param name="pixels">count images of <see cref="ModelMetadata.Input"/>.</param>
    /// <param name="count">Number of images.</param>
    public float[] PredictBatch(ReadOnlySpan<byte> pixels, int count) => Run(pixels, count);

    /// <summary>Loads an embedding model saved by <see cref="CnnModel.Save"/>; a file of another task is refused.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="device">Where to run it. Default <see cref="ComputeDevice.Auto"/>.</param>
    public static new CnnEmbeddingModel Load(string path, ComputeDevice device = ComputeDevice.Auto) => Load<CnnEmbeddingModel>(path, device);
}
