using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;
using Ml.Cnn.Heads;
using Ml.Cnn.MlNet;
using Ml.Cnn.Model;
using Ml.Cnn.Training;

namespace Ml.Cnn.Scoring;

/// <summary>
/// A trained CNN as an ML.NET transformer: adds the task's score columns (multiclass <c>Score</c> + <c>PredictedLabel</c>,
/// binary <c>Score</c> + <c>Probability</c> + <c>PredictedLabel</c>, multilabel <c>Score</c> + <c>PredictedLabel</c> (Boolean
/// vector), regression <c>Score</c>, embedding <c>Score</c> (the L2-normalized embedding)) to any data with the image
/// column. <c>Transform</c> scores rows in batches of up to 256 images per native call; a <c>PredictionEngine</c> scores one
/// row. Saved and loaded by <c>mlContext.Model.Save</c> / <c>Load</c> with the rest of the pipeline (no registration).
/// One instance may be shared by threads: its predictions run one at a time.
/// </summary>
public sealed class CnnTransformer : ITransformer, ICnnComponent<CnnTransformer>, IDisposable
{
    private const int PayloadVersion = 1;

    private readonly CnnModel _model;

    internal CnnTransformer(IHostEnvironment environment, CnnModel model, TaskHead head, ImageFeatureColumn feature, ResizeMode resize)
        : this(environment, model, head, feature.Name, resize)
    {
    }

    private CnnTransformer(IHostEnvironment environment, CnnModel model, TaskHead head, string featureColumnName, ResizeMode resize)
    {
        Environment = environment;
        _model = model;
        Head = head;
        FeatureColumnName = featureColumnName;
        Resize = resize;
    }

    /// <summary>The task the model solves.</summary>
    public CnnTask Task => Head.Task;

    /// <summary>The image column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The image shape the network takes (encoded images are decoded to it).</summary>
    public ImageShape InputShape => _model.Metadata.Input;

    /// <summary>How encoded images of another size are fitted to <see cref="InputShape"/>.</summary>
    public ResizeMode Resize { get; }

    /// <summary>The training history, or null for a loaded model.</summary>
    public TrainingHistory? History => _model.History;

    /// <summary>The device holding the weights.</summary>
    public ComputeDevice Device => _model.Device;

    /// <summary>
    /// Whether predictions go to one prediction thread of the model's, which predicts the requests that callers on other
    /// threads send while it is busy together, up to 256 images in one native call: about twice the images per second
    /// under load from many threads, with scores equal to a prediction alone to float rounding instead of bit for bit. A
    /// lone caller is slower this way, so leave it off unless many threads predict at once.
    /// </summary>
    /// <value>Default false.</value>
    public bool BatchConcurrentPredictions
    {
        get => _model.BatchConcurrentPredictions;
        set => _model.BatchConcurrentPredictions = value;
    }

    /// <summary>Always true: the model scores row by row (ML.NET's PredictionEngine works with it).</summary>
    public bool IsRowToRowMapper => true;

    internal TaskHead Head { get; }

    internal IHostEnvironment Environment { get; }

    internal CnnModel Model => _model;

    /// <summary>The Keras-like summary table of the network.</summary>
    public string Summary() => _model.Summary();

    /// <summary>
    /// A copy of this model whose network lives on <paramref name="device"/>, e.g. to score on the CPU with a model that
    /// <c>Model.Load</c> put on a GPU; this model is unchanged, and each is disposed on its own. The copy holds what a
    /// saved model holds: no <see cref="History"/>, and the prediction settings (<see cref="BatchConcurrentPredictions"/>,
    /// the training's thread count) start at their defaults, as after <c>Model.Load</c>.
    /// </summary>
    /// <param name="device">Cpu, Cuda, or Auto (CUDA when libtorch sees a CUDA device).</param>
    /// <exception cref="InvalidOperationException">Cuda was asked for and libtorch sees no CUDA device.</exception>
    public CnnTransformer OnDevice(ComputeDevice device)
    {
        Torch.Resolve(device);
        var model = ModelFile.FromBytes(ModelFile.ToBytes(_model), "the CNN being copied", device);
        return new CnnTransformer(Environment, model, Head, FeatureColumnName, Resize);
    }

    /// <summary>The input schema with the task's output columns appended (input columns of the same names become hidden).</summary>
    /// <param name="inputSchema">The input schema; it must hold the image column.</param>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ImageFeatureColumn.Inspect(inputSchema, FeatureColumnName);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        Head.AddOutputColumns(builder);
        return builder.ToSchema();
    }

    /// <summary>Scores every row lazily, reading ahead up to 256 images per native call.</summary>
    /// <param name="input">Data with the image column.</param>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ScoredDataView(this, input);
    }

    /// <summary>A mapper that scores one row at a time (what ML.NET's PredictionEngine uses).</summary>
    /// <param name="inputSchema">The input schema.</param>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new ScoringMapper(this, inputSchema);

    void ICanSaveModel.Save(ModelSaveContext ctx) => ComponentFile.Save(ctx, this);

    /// <inheritdoc />
    public void SavePayload(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(PayloadVersion);
        writer.Write(FeatureColumnName);
        writer.Write((int)Resize);
        Head.Write(writer);
        var model = ModelFile.ToBytes(_model);
        writer.Write(model.Length);
        writer.Write(model);
    }

    /// <inheritdoc />
    public static CnnTransformer Load(IHostEnvironment environment, BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var version = reader.ReadInt32();
        if (version != PayloadVersion)
            throw new InvalidDataException($"The CNN in this model was saved by {(version > PayloadVersion ? "a newer" : "an unknown")} MlCnn (payload version {version}; " +
                $"this build reads {PayloadVersion}). Use the MlCnn version that saved it.");
        var feature = reader.ReadString();
        var resize = (ResizeMode)reader.ReadInt32();
        if (!Enum.IsDefined(resize)) throw new InvalidDataException($"The CNN in this model records the unknown resize mode {(int)resize}; the model file is damaged.");
        var head = TaskHead.Read(reader);
        var length = reader.ReadInt32();
        var bytes = reader.ReadBytes(Math.Max(length, 0));
        if (length < 0 || bytes.Length != length) throw new InvalidDataException("The CNN in this model is truncated; the model file is damaged.");
        var model = ModelFile.FromBytes(bytes, "the CNN inside the ML.NET model", ComputeDevice.Auto);
        if (model.Task != head.Task || model.Metadata.Outputs != head.Outputs)
        {
            model.Dispose();
            throw new InvalidDataException($"The CNN in this model is a {model.Task} network with {model.Metadata.Outputs} outputs but its head is {head.Task} with {head.Outputs}; the model file is damaged.");
        }
        return new CnnTransformer(environment, model, head, feature, resize);
    }

    /// <summary>Frees the native network (a finalizer does it otherwise).</summary>
    public void Dispose() => _model.Dispose();

    /// <summary>The head's outputs for <paramref name="count"/> images of <see cref="InputShape"/> stored one after another.</summary>
    internal float[] Predict(ReadOnlySpan<byte> pixels, int count) => _model.Predict(pixels, count, Head.Activation);
}
