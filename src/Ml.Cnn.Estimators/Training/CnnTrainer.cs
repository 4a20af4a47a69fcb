using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Losses;
using Ml.Cnn.Metrics;
using Ml.Cnn.Model;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Training;

/// <summary>
/// What every CNN trainer shares (an estimator): options validated once, the loss checked against the task, the
/// validation split, the training loop, and the model built around the trained network. One subclass per task.
/// </summary>
/// <typeparam name="TModel">The model the task produces.</typeparam>
public abstract class CnnTrainer<TModel> : IEstimator<TModel> where TModel : CnnModel
{
    private readonly int _seed;

    private protected CnnTrainer(CnnTrainerOptions options, int contextSeed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _seed = options.Seed ?? contextSeed;
        Loss = options.Loss ?? DefaultLoss;
        Loss.CheckFits(Task, outputs: 0);
    }

    /// <summary>The task this trainer solves.</summary>
    public abstract CnnTask Task { get; }

    /// <summary>The loss used: <see cref="CnnTrainerOptions.Loss"/>, or the task's default.</summary>
    public Loss Loss { get; }

    /// <summary>The options (validated).</summary>
    public CnnTrainerOptions Options { get; }

    /// <summary>Raised after every epoch with its metrics.</summary>
    public event EventHandler<EpochCompletedEventArgs>? EpochCompleted;

    /// <summary>Raised after every training step with the epoch's running loss and accuracy.</summary>
    public event EventHandler<BatchCompletedEventArgs>? BatchCompleted;

    /// <summary>The loss used when the options name none.</summary>
    private protected abstract Loss DefaultLoss { get; }

    /// <summary>Trains on <paramref name="input"/>, holding out <see cref="CnnTrainerOptions.ValidationFraction"/> for validation.</summary>
    /// <param name="input">Training data.</param>
    public TModel Fit(DataView input) => Fit(input, null);

    /// <summary>
    /// Trains on <paramref name="train"/> and reports validation metrics on <paramref name="validation"/> each epoch. When a
    /// step fails (for example a NaN loss) a <see cref="TrainingException"/> names the epoch and batch and carries the model
    /// with the weights of the last good step in <see cref="TrainingException.LastGoodModel"/>.
    /// </summary>
    /// <param name="train">Training data.</param>
    /// <param name="validation">Validation data, or null to use <see cref="CnnTrainerOptions.ValidationFraction"/>.</param>
    public TModel Fit(DataView train, DataView? validation) => Fit(train, validation, CancellationToken.None);

    /// <summary>
    /// Trains like <see cref="Fit(DataView, DataView?)"/>; cancelling <paramref name="cancellation"/> stops after the current
    /// batch and returns the model so far (the best epoch's weights when early stopping restores them), with
    /// <see cref="TrainingHistory.StopReason"/> <see cref="TrainingStopReason.Cancelled"/>.
    /// </summary>
    /// <param name="train">Training data.</param>
    /// <param name="validation">Validation data, or null to use <see cref="CnnTrainerOptions.ValidationFraction"/>.</param>
    /// <param name="cancellation">Stops training after the current batch.</param>
    public TModel Fit(DataView train, DataView? validation, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.RowCount == 0) throw new ArgumentException("The training data has no rows.", nameof(train));
        var random = new Random(_seed);
        if (validation is null && Options.ValidationFraction > 0) (train, validation) = Split(train, random);
        var targets = CreateTargets(train);
        Loss.CheckFits(Task, targets.Outputs);
        var data = TrainingData.From(train, Options, targets, "training");
        var held = validation is null ? null : TrainingData.From(validation, Options, targets, "validation");
        Func<CnnModel, IReadOnlyDictionary<string, double>>? metrics = validation is null
            ? null
            : model => EpochRunner.ValidationMetrics(Task, () => model.Transform(validation));
        return Train(data, held, targets, metrics, cancellation);
    }

    /// <summary>
    /// Trains on a checked training set: the checks every storage shares, the network, the loop and the model. The
    /// validation metrics, when given, score the model as it is after each epoch.
    /// </summary>
    internal TModel Train(TrainingSet data, TrainingSet? held, TargetReader targets, Func<CnnModel, IReadOnlyDictionary<string, double>>? validationMetrics,
        CancellationToken cancellation)
    {
        if (Options.EarlyStopping is { Monitor: not ("TrainLoss" or "TrainAccuracy") } stopping && held is null)
            throw new ArgumentException($"EarlyStopping monitors '{stopping.Monitor}', a validation value, but there is no validation data. " +
                "Pass validation data to Fit, set ValidationFraction, or monitor TrainLoss.");
        Loss.CheckFits(Task, targets.Outputs);
        if (held is not null && held.Shape != data.Shape)
            throw new ArgumentException($"Validation images are {held.Shape} but training images are {data.Shape}.");
        if (data.MixesTargets && (Task == CnnTask.Embedding || TakesOnlyClassIndices(Loss)))
            throw new ArgumentException($"Mixup and CutMix make soft labels, which loss {Loss.Name} on the {Task.ToString().ToLowerInvariant()} task cannot take; " +
                "use cross-entropy or focal, or drop the mixing augmentation.");
        if (data.Augmenters.Count > 0 && Math.Abs(Options.PixelScale - 1f / 255f) > 1e-9f)
            throw new ArgumentException($"Augmentations work on pixels scaled to [0, 1]; PixelScale is {Options.PixelScale}. Keep PixelScale at 1/255 " +
                "and use PixelMean/PixelStd for other ranges.");
        if (Options.EarlyStopping is { } rule && !MonitorExists(rule.Monitor))
            throw new ArgumentException($"EarlyStopping monitors '{rule.Monitor}', which the {Task.ToString().ToLowerInvariant()} task does not report. " +
                $"Use TrainLoss, ValidationLoss{(TaskAccuracy.Applies(Task) ? ", TrainAccuracy, ValidationAccuracy" : "")} or one of {string.Join(", ", TaskMetrics.Names(Task))}.");
        if (Options.BalancedSampling && Task is not (CnnTask.Multiclass or CnnTask.Binary))
            throw new ArgumentException($"BalancedSampling needs class labels (multiclass or binary), not the {Task.ToString().ToLowerInvariant()} task.");
        var (mean, std) = Options.ComputePixelStatistics
            ? PixelStatistics.Compute(data, Options.PixelScale)
            : (Options.PixelMean?.ToArray() ?? [], Options.PixelStd?.ToArray() ?? []);
        if (mean.Length > 0 && mean.Length != data.Shape.Channels)
            throw new ArgumentException($"PixelMean has {mean.Length} values but the images have {data.Shape.Channels} channels.");
        var resolved = Options.Architecture.Resolve(data.Shape, targets.Outputs);
        var classWeights = targets.ClassWeights(Options.ClassWeights);
        if (Options.CheckpointDirectory is { } directory) CheckpointFile.CheckWritable(directory);

        var network = Network.Create(resolved.Spec, Options.Device, (ulong)_seed);
        network.Threads = Options.Threads;
        network.Precision = Options.Precision ?? (network.Device == ComputeDevice.Cuda ? TrainingPrecision.BFloat16 : TrainingPrecision.Float32);
        var metadata = new ModelMetadata(resolved.Name, resolved.Spec, data.Shape, targets.OutputNames.ToArray(),
            Options.PixelScale, mean, std, Options.ImageColumnName, Task, targets.Outputs);
        try
        {
            network.SetInputPreprocessing(Options.PixelScale, mean, std);
            using var loss = new LossFunction(Loss.ToSpec(), classWeights, Options.LossReduction);
            var fingerprint = string.Join("|", resolved.Spec, Task, targets.Outputs, OptimizerSpec.From(Options), Options.Schedule, Loss.ToSpec(),
                _seed, Options.BatchSize, Options.LossReduction, string.Join(",", classWeights), data.Count, Options.BalancedSampling);
            var loop = new TrainingLoop(Options, Task, targets.Outputs, _seed, fingerprint);
            loop.EpochCompleted += metrics => EpochCompleted?.Invoke(this, new EpochCompletedEventArgs(metrics, Options.Epochs));
            loop.BatchCompleted += e => BatchCompleted?.Invoke(this, e);
            var view = CnnModel.Create(network, metadata, history: null);
            Func<IReadOnlyDictionary<string, double>>? score = validationMetrics is null ? null : () => validationMetrics(view);
            var history = loop.Run(network, loss, data, held, score, cancellation);
            return (TModel)CnnModel.Create(network, metadata, history);
        }
        catch (TrainingException e) when (e.LastGoodModel is null)
        {
            throw new TrainingException(e.Epoch, e.Batch, e.InnerException!, CnnModel.Create(network, metadata, history: null));
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private bool MonitorExists(string name) =>
        name is "TrainLoss" or "ValidationLoss" || (TaskAccuracy.Applies(Task) && name is "TrainAccuracy" or "ValidationAccuracy") ||
        TaskMetrics.Names(Task).Contains(name);

    private static bool TakesOnlyClassIndices(Loss loss) =>
        loss is HingeLoss || (loss is WeightedSumLoss sum && sum.Terms.Any(t => t.Loss is HingeLoss));

    /// <summary>Learns from the training view how labels become targets (label keys, label names, output count).</summary>
    private protected abstract TargetReader CreateTargets(DataView train);

    private (DataView Train, DataView Validation) Split(DataView data, Random random)
    {
        var rows = Enumerable.Range(0, data.RowCount).ToArray();
        random.Shuffle(rows);
        var held = (int)Math.Round(data.RowCount * Options.ValidationFraction);
        if (held < 1 || held >= data.RowCount)
            throw new ArgumentException($"ValidationFraction {Options.ValidationFraction} of {data.RowCount} rows leaves no training or no validation rows.");
        var validation = rows[..held];
        var train = rows[held..];
        Array.Sort(validation);
        Array.Sort(train);
        return (data.Select(train), data.Select(validation));
    }
}
