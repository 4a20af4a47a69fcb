using Ml.Cnn.Engine;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>
/// A trained CNN classifier (a transformer): adds Score (softmax probability per class; slot names are the labels)
/// and PredictedLabel (the original label value). Save it with <see cref="Save"/>, load it with <see cref="Load"/>.
/// Dispose it to free the native network. Prediction calls are serialized, so one model may be shared by threads.
/// </summary>
public sealed class CnnMulticlassModel : ITransformer, IDisposable
{
    private readonly Network _network;
    private readonly Lock _gate = new();

    internal CnnMulticlassModel(Network network, ModelMetadata metadata, TrainingHistory? history)
    {
        _network = network;
        Metadata = metadata;
        History = history;
    }

    /// <summary>Architecture, input shape, labels and preprocessing.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The training history, or null for a loaded model.</summary>
    public TrainingHistory? History { get; }

    /// <summary>The class label values in Score order.</summary>
    public IReadOnlyList<string> Labels => Metadata.Labels;

    /// <summary>The device holding the weights.</summary>
    public ComputeDevice Device => _network.Device;

    internal Network Network => _network;

    /// <inheritdoc />
    public DataView Transform(DataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var images = input.GetColumn<ImageColumn>(Metadata.ImageColumnName);
        CheckShape(images.Shape);
        var classes = Labels.Count;
        float[] probabilities;
        lock (_gate) probabilities = Prediction.Probabilities(_network, images, classes);
        var predicted = new string[images.RowCount];
        for (var i = 0; i < predicted.Length; i++)
            predicted[i] = Labels[Prediction.ArgMax(probabilities.AsSpan(i * classes, classes))];
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
        var shape = Metadata.Input;
        if (count < 1 || pixels.Length != (long)count * shape.Size)
            throw new ArgumentException($"Expected {count} image(s) of {shape} ({(long)count * shape.Size} bytes) but got {pixels.Length} bytes.", nameof(pixels));
        var classes = Labels.Count;
        float[] probabilities;
        lock (_gate) probabilities = Prediction.Probabilities(_network, pixels, count, shape, classes);
        return Enumerable.Range(0, count).Select(i =>
        {
            var score = probabilities.AsSpan(i * classes, classes).ToArray();
            return new CnnPrediction(Labels[Prediction.ArgMax(score)], score);
        }).ToArray();
    }

    /// <summary>The Keras-like summary table of the network.</summary>
    public string Summary() => ModelFile.Resolve(Metadata).Summary();

    /// <summary>Saves the model to one file (written to a temporary file, then renamed, so a failure never leaves a partial file).</summary>
    /// <param name="path">The file path.</param>
    public void Save(string path)
    {
        lock (_gate) ModelFile.Save(this, path);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>, on any device (a model trained on GPU runs on CPU).</summary>
    /// <param name="path">The file path.</param>
    /// <param name="device">Where to run it. Default <see cref="ComputeDevice.Auto"/>.</param>
    public static CnnMulticlassModel Load(string path, ComputeDevice device = ComputeDevice.Auto) => ModelFile.Load(path, device);

    /// <summary>Frees the native network.</summary>
    public void Dispose() => _network.Dispose();

    private void CheckShape(ImageShape shape)
    {
        if (shape != Metadata.Input)
            throw new ArgumentException($"The model expects images of {Metadata.Input} but column '{Metadata.ImageColumnName}' holds {shape}.");
    }
}
