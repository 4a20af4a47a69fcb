using Microsoft.ML;
using Microsoft.ML.Runtime;
using Ml.Cnn.Features;
using Ml.Cnn.Heads;
using Ml.Cnn.MlNet;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;

namespace Ml.Cnn.Trainers;

/// <summary>
/// The CNN trainer as an ML.NET estimator, one class for every task: append it to a pipeline
/// (<c>mlContext.MulticlassClassification.Trainers.Cnn(...)</c>, <c>BinaryClassification</c>, <c>Regression</c>,
/// <c>mlContext.MultilabelClassification().Trainers.Cnn(...)</c>, <c>mlContext.Embeddings().Trainers.Cnn(...)</c>), and
/// <c>Fit</c> returns a <see cref="CnnTransformer"/> that adds ML.NET's score columns. The task's head decides the label
/// it accepts and the columns it adds; everything else (options, loop, engine) is shared.
/// </summary>
public sealed class CnnTrainer : IEstimator<CnnTransformer>
{
    private readonly IHostEnvironment _environment;

    internal CnnTrainer(IHostEnvironment environment, CnnTask task, CnnTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(task))
            throw new ArgumentOutOfRangeException(nameof(task), task, "The CNN trains multiclass, binary, multilabel, regression and embedding models.");
        options.Validate(task);
        _environment = environment;
        Task = task;
        Options = options;
    }

    /// <summary>The task (multiclass, binary, multilabel, regression or embedding).</summary>
    public CnnTask Task { get; }

    /// <summary>The options (validated for the task when the trainer is made, and again by each <c>Fit</c>: they stay yours to change).</summary>
    public CnnTrainerOptions Options { get; }

    /// <summary>Raised after every epoch with its metrics.</summary>
    public event EventHandler<EpochCompletedEventArgs>? EpochCompleted;

    /// <summary>Raised after every training step with the epoch's running loss and accuracy.</summary>
    public event EventHandler<BatchCompletedEventArgs>? BatchCompleted;

    /// <summary>
    /// Raised by every CNN trainer, on the thread that calls <c>Fit</c>, when a fit starts (after its inputs are checked,
    /// before the first batch); the sender is the trainer. It lets a display follow every trainer without being attached
    /// to each: the Ml.Cnn.Interactive notebook extension draws its live progress from here.
    /// </summary>
    public static event EventHandler? FitStarting;

    /// <summary>
    /// Raised by every CNN trainer, on the thread that called <c>Fit</c>, when a fit that raised <see cref="FitStarting"/>
    /// ends: trained, stopped early or cancelled (with the model's history), or failed (with the exception <c>Fit</c> throws).
    /// </summary>
    public static event EventHandler<FitEndedEventArgs>? FitEnded;

    /// <summary>The input with the task's output columns; refuses wrong image, label and weight columns before any data is read.</summary>
    /// <param name="inputSchema">The shape of the data the trainer will see.</param>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ImageFeatureColumn.Inspect(inputSchema, Options.ImageColumnName);
        TaskHead.CheckLabel(Task, inputSchema, Options.LabelColumnName);
        if (Options.ExampleWeightColumnName is { } weight)
        {
            var column = SchemaShapes.Find(inputSchema, weight) ?? throw new ArgumentOutOfRangeException(nameof(inputSchema),
                $"The example-weight column '{weight}' is not in the data. Columns: {string.Join(", ", inputSchema.Select(c => c.Name))}.");
            if (column.ItemType != Microsoft.ML.Data.NumberDataViewType.Single || column.Kind != SchemaShape.Column.VectorKind.Scalar)
                throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Schema mismatch for example-weight column '{weight}': expected Single.");
        }
        // A SchemaShape records neither the key count nor the key values; the shapes need only the columns' kinds.
        var head = Task switch
        {
            CnnTask.Multiclass => (TaskHead)new MulticlassHead(KeyValueSet.Numbered(2)),
            CnnTask.Binary => new BinaryHead(),
            CnnTask.Multilabel => new MultilabelHead(["0"]),
            CnnTask.Embedding => new EmbeddingHead(Options.EmbeddingDimension, 2),
            _ => new RegressionHead(1, SchemaShapes.Find(inputSchema, Options.LabelColumnName)!.Value.Kind == SchemaShape.Column.VectorKind.Vector),
        };
        return SchemaShapes.With(inputSchema, [.. head.OutputShapes()]);
    }

    /// <summary>Trains on <paramref name="input"/> (holding out <see cref="CnnTrainerOptions.ValidationFraction"/> for validation).</summary>
    /// <param name="input">Training data with the image, label and (optional) weight columns.</param>
    public CnnTransformer Fit(IDataView input) => Fit(input, null, CancellationToken.None);

    /// <summary>
    /// Trains on <paramref name="trainData"/>, reporting validation metrics on <paramref name="validationData"/> every epoch;
    /// cancelling stops after the current batch and returns the model so far.
    /// </summary>
    /// <param name="trainData">Training data.</param>
    /// <param name="validationData">Validation data with the same columns, or null.</param>
    /// <param name="cancellation">Stops training after the current batch.</param>
    public CnnTransformer Fit(IDataView trainData, IDataView? validationData, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        Options.Validate(Task);
        var feature = ImageFeatureColumn.Inspect(trainData.Schema, Options.ImageColumnName);
        var head = TaskHead.ForLabel(Task, trainData.Schema, Options);
        var seed = Options.Seed ?? MlNetEnvironment.DrawSeed(_environment, "Cnn");
        var shape = TrainingInputs.ResolveShape(trainData, feature, Options);
        var targets = head.CreateTargets(Options.LabelColumnName);
        var augmenters = TrainingInputs.Augmenters(trainData.Schema[feature.Name]);
        CursorTrainingSet Set(IDataView data, string role, Func<Microsoft.ML.Data.DataViewRowId, bool>? keep) =>
            new(data, role, ImageFeatureColumn.Inspect(data.Schema, Options.ImageColumnName), shape, Options.Resize, head, targets.Columns,
                Options.LabelColumnName, Options.ExampleWeightColumnName, keep, augmenters);
        CursorTrainingSet train;
        CursorTrainingSet? validation = null;
        IDataView? scoredValidation = validationData;
        if (validationData is null && Options.ValidationFraction > 0)
        {
            var fraction = Options.ValidationFraction;
            train = Set(trainData, "training", id => !RowSplit.Held(id, seed, fraction));
            validation = Set(trainData, "validation", id => RowSplit.Held(id, seed, fraction));
            scoredValidation = new RowFilterView(trainData, id => RowSplit.Held(id, seed, fraction));
        }
        else
        {
            train = Set(trainData, "training", null);
            if (validationData is not null) validation = Set(validationData, "validation", null);
        }
        if (Options.EffectiveDistributed is { Rank: > 0 })
        {
            // Validation metrics are computed once, by rank 0.
            validation = null;
            scoredValidation = null;
        }
        MlNetEnvironment.Log(_environment, "Cnn", $"Training a {Task.ToString().ToLowerInvariant()} CNN ({Options.Architecture.Name}) on {train.Count} images of {shape}.");
        var trainer = new HeadTrainer(Options, seed, head);
        trainer.EpochCompleted += (_, e) =>
        {
            MlNetEnvironment.Log(_environment, "Cnn", e.Metrics.ToProgressLine(Options.Epochs));
            EpochCompleted?.Invoke(this, e);
        };
        trainer.BatchCompleted += (_, e) => BatchCompleted?.Invoke(this, e);
        Func<Model.CnnModel, IReadOnlyDictionary<string, double>>? metrics = scoredValidation is null
            ? null
            : model => ValidationScores.Evaluate(Task, new CnnTransformer(_environment, model, head, feature, Options.Resize).Transform(scoredValidation),
                Options.LabelColumnName);
        FitStarting?.Invoke(this, EventArgs.Empty);
        CnnTransformer? fitted = null;
        Exception? error = null;
        try
        {
            fitted = new CnnTransformer(_environment, trainer.Train(train, validation, targets, metrics, cancellation), head, feature, Options.Resize);
            return fitted;
        }
        catch (TrainingException e) when (e.LastGoodModel is { } last)
        {
            error = e.WithTransformer(new CnnTransformer(_environment, last, head, feature, Options.Resize));
            throw error;
        }
        catch (Exception e)
        {
            error = e;
            throw;
        }
        finally
        {
            FitEnded?.Invoke(this, new FitEndedEventArgs(fitted?.History, error));
        }
    }
}
