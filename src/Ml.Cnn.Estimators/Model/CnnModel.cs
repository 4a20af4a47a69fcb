using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>
/// A trained CNN (a transformer) of any task. Save it with <see cref="Save"/>, load it with <see cref="Load"/> (which returns
/// the model of the task the file holds). Dispose it to free the native network. One model may be shared by threads: its
/// predictions run one at a time, so callers on many threads get what serial calls give, bit for bit (see
/// <see cref="BatchConcurrentPredictions"/> for more images per second under load).
/// </summary>
public abstract class CnnModel : ITransformer, IDisposable
{
    private readonly Network _network;
    private readonly PredictionQueue _queue;
    private readonly Lock _gate = new();

    private protected CnnModel(Network network, ModelMetadata metadata, TrainingHistory? history)
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

    /// <inheritdoc />
    public abstract DataView Transform(DataView input);

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
    public static CnnModel Load(string path, ComputeDevice device = ComputeDevice.Auto) => ModelFile.Load(path, device);

    /// <summary>Finishes the predictions in progress, then frees the native network.</summary>
    public void Dispose()
    {
        _queue.Dispose();
        lock (_gate) _network.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The head outputs of every image of the column the model reads, [rows × outputs].</summary>
    private protected (float[] Outputs, int Rows) Run(DataView input) => Run(input, Head);

    /// <summary>The outputs of every image of the column the model reads under a given head, [rows × outputs].</summary>
    private protected (float[] Outputs, int Rows) Run(DataView input, OutputHead head)
    {
        ArgumentNullException.ThrowIfNull(input);
        var images = input.GetColumn<ImageColumn>(Metadata.ImageColumnName);
        if (images.Shape != Metadata.Input)
            throw new ArgumentException($"The model expects images of {Metadata.Input} but column '{Metadata.ImageColumnName}' holds {images.Shape}.");
        return (Prediction.Outputs(images, Metadata.Outputs, Queued(head)), images.RowCount);
    }

    /// <summary>The head outputs of <paramref name="count"/> images stored one after another, [count × outputs].</summary>
    private protected float[] Run(ReadOnlySpan<byte> pixels, int count) => Run(pixels, count, Head);

    /// <summary>The outputs of <paramref name="count"/> images under a given head, [count × outputs].</summary>
    private protected float[] Run(ReadOnlySpan<byte> pixels, int count, OutputHead head)
    {
        var shape = Metadata.Input;
        if (count < 1 || pixels.Length != (long)count * shape.Size)
            throw new ArgumentException($"Expected {count} image(s) of {shape} ({(long)count * shape.Size} bytes) but got {pixels.Length} bytes.", nameof(pixels));
        return Prediction.Outputs(pixels, count, shape, Metadata.Outputs, Queued(head));
    }

    /// <summary>The outputs of <paramref name="count"/> images under a given head, [count × outputs] (for the ML.NET transformer).</summary>
    internal float[] Predict(ReadOnlySpan<byte> pixels, int count, OutputHead head) => Run(pixels, count, head);

    private Prediction.BatchPredictor Queued(OutputHead head) => (pixels, count, outputs) => _queue.Predict(pixels, count, head, outputs);

    /// <summary>The output activation of the task.</summary>
    internal OutputHead Head => HeadOf(Metadata.Task);

    internal static OutputHead HeadOf(CnnTask task) => task switch
    {
        CnnTask.Multiclass => OutputHead.Softmax,
        CnnTask.Binary or CnnTask.Multilabel => OutputHead.Sigmoid,
        CnnTask.Embedding => OutputHead.L2Normalize,
        _ => OutputHead.Identity,
    };

    /// <summary>The model class of the metadata's task around a network.</summary>
    internal static CnnModel Create(Network network, ModelMetadata metadata, TrainingHistory? history) => metadata.Task switch
    {
        CnnTask.Multiclass => new CnnMulticlassModel(network, metadata, history),
        CnnTask.Binary => new CnnBinaryModel(network, metadata, history),
        CnnTask.Multilabel => new CnnMultilabelModel(network, metadata, history),
        CnnTask.Regression => new CnnRegressionModel(network, metadata, history),
        CnnTask.Embedding => new CnnEmbeddingModel(network, metadata, history),
        _ => throw new ArgumentException($"Unknown task {metadata.Task}."),
    };

    /// <summary>Loads a file that must hold a model of type <typeparamref name="T"/>.</summary>
    private protected static T Load<T>(string path, ComputeDevice device) where T : CnnModel
    {
        var model = ModelFile.Load(path, device);
        if (model is T typed) return typed;
        var task = model.Task;
        model.Dispose();
        throw new ModelFileException(path, $"holds a {task.ToString().ToLowerInvariant()} model, not a {typeof(T).Name}; load it with CnnModel.Load.");
    }
}
