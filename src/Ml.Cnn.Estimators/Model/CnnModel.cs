using Ml.Cnn.Engine;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>
/// A trained CNN of any task, inside the ML.NET <c>CnnTransformer</c>: the network, its metadata and history. Dispose it to
/// free the native network. One model may be shared by threads: its predictions run one at a time, so callers on many
/// threads get what serial calls give, bit for bit (see <see cref="BatchConcurrentPredictions"/> for more images per
/// second under load).
/// </summary>
internal sealed class CnnModel : IDisposable
{
    private readonly Network _network;
    private readonly PredictionQueue _queue;

    private CnnModel(Network network, ModelMetadata metadata, TrainingHistory? history)
    {
        _network = network;
        Metadata = metadata;
        History = history;
        _queue = new PredictionQueue(network, metadata.Input, metadata.Outputs);
    }

    /// <summary>Task, architecture, input shape, output names and preprocessing.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The training history, or null for a loaded model.</summary>
    public TrainingHistory? History { get; }

    /// <summary>The task this model solves.</summary>
    public CnnTask Task => Metadata.Task;

    /// <summary>
    /// Whether predictions go to one prediction thread of the model's, which predicts the requests that callers on other
    /// threads send while it is busy together, up to 256 images in one native call. Under load from many threads (a web
    /// service predicting single images) that gives about twice the images per second (bench/README.md, "Inference"), at
    /// the price of scores equal to a prediction alone to float rounding (differences of about 1e-6 measured) instead of
    /// bit for bit, since libtorch may pick other kernels for another batch size. A lone caller is slower this way (the
    /// hand-over, and a second libtorch thread team), so leave it off unless many threads predict at once. The thread
    /// starts with the first such prediction and stops when the model is disposed.
    /// </summary>
    /// <value>Default false.</value>
    public bool BatchConcurrentPredictions
    {
        get => _queue.BatchWaiting;
        set => _queue.BatchWaiting = value;
    }

    /// <summary>Native prediction calls this model has made (each predicts up to 256 images).</summary>
    internal long PredictionCalls => _queue.Calls;

    /// <summary>The device holding the weights.</summary>
    public ComputeDevice Device => _network.Device;

    internal Network Network => _network;

    /// <summary>The Keras-like summary table of the network.</summary>
    public string Summary() => Metadata.Summary;

    /// <summary>Finishes the predictions in progress, then frees the native network.</summary>
    public void Dispose()
    {
        _queue.Dispose();
        _network.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The outputs of <paramref name="count"/> images stored one after another under a given head, [count × outputs].</summary>
    internal float[] Predict(ReadOnlySpan<byte> pixels, int count, OutputHead head)
    {
        var shape = Metadata.Input;
        if (count < 1 || pixels.Length != (long)count * shape.Size)
            throw new ArgumentException($"Expected {count} image(s) of {shape} ({(long)count * shape.Size} bytes) but got {pixels.Length} bytes.", nameof(pixels));
        return Prediction.Outputs(pixels, count, shape, Metadata.Outputs, Queued(head));
    }

    private Prediction.BatchPredictor Queued(OutputHead head) => (pixels, count, outputs) => _queue.Predict(pixels, count, head, outputs);

    /// <summary>The model around a trained or loaded network.</summary>
    internal static CnnModel Create(Network network, ModelMetadata metadata, TrainingHistory? history) => new(network, metadata, history);
}
