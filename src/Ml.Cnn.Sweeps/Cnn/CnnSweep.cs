using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;

namespace Ml.Cnn.Sweeps;

/// <summary>
/// A sweep over an ML.NET pipeline ending in a CNN trainer: each trial builds its pipeline from its parameters, trains on
/// the training part with the trial's seed and threads (epochs capped at <see cref="SweepOptions.MaxEpochs"/>), reports the
/// validation metric every epoch (pruned trials stop there), and the best complete trial's model is saved as an ML.NET
/// model zip (<see cref="InputTransformer"/> → CNN → the trial's suffix). Trials are compared on a validation part carved from the training data
/// (stratified by label, seeded with the study's seed) unless validation data is given; test data plays no part.
/// </summary>
/// <param name="ml">The ML.NET context.</param>
/// <param name="space">The search space.</param>
/// <param name="pipeline">Builds a trial's pipeline from its parameters (a new trainer each time).</param>
/// <param name="options">The sweep's options.</param>
public sealed class CnnSweep(MLContext ml, SearchSpace space, Func<TrialParameters, TrialPipeline> pipeline, SweepOptions options)
{
    private readonly MLContext _ml = ml ?? throw new ArgumentNullException(nameof(ml));
    private readonly Func<TrialParameters, TrialPipeline> _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
    private readonly Sweep _sweep = new(space, options);

    /// <summary>The share of the training data held out for validation when no validation data is given.</summary>
    /// <value>Default 0.2.</value>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>The label column the validation part is stratified by (key, text or Boolean labels; other labels are split at random).</summary>
    /// <value>Default "Label".</value>
    public string LabelColumnName { get; init; } = DefaultColumnNames.Label;

    /// <summary>
    /// The fitted fixed part of the pipeline (e.g. <c>MapValueToKey</c>, <c>LoadRawImageBytes</c>): <see cref="Run"/>'s data is
    /// its input, and saved models start with it; null when the data goes to the trainer as it is.
    /// </summary>
    /// <value>Default null.</value>
    public ITransformer? InputTransformer { get; init; }

    /// <summary>The sweep's options.</summary>
    public SweepOptions Options => _sweep.Options;

    /// <summary>Raised on the worker's thread after each trial of this process ends.</summary>
    public event EventHandler<TrialFinishedEventArgs>? TrialFinished
    {
        add => _sweep.TrialFinished += value;
        remove => _sweep.TrialFinished -= value;
    }

    /// <summary>Runs the study until it holds <see cref="SweepOptions.Trials"/> finished trials.</summary>
    /// <param name="storage">Where the study is kept.</param>
    /// <param name="train">The training data (the validation part is carved from it when <paramref name="validation"/> is null).</param>
    /// <param name="validation">Validation data, or null.</param>
    /// <param name="cancellation">Stops the sweep; running trials are marked failed.</param>
    public SweepResult Run(ITrialStorage storage, IDataView train, IDataView? validation = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var input = train.Schema;
        if (InputTransformer is { } fixedPart)
        {
            train = fixedPart.Transform(train);
            if (validation is not null) validation = fixedPart.Transform(validation);
        }
        var (fit, held) = validation is null ? Split(train) : (train, validation);
        return _sweep.Run(storage, context => Train(context, input, fit, held), cancellation);
    }

    /// <summary>The training and validation parts: stratified for key, text and Boolean labels, else at random; seeded with the study's seed.</summary>
    private (IDataView Train, IDataView Validation) Split(IDataView data)
    {
        if (ValidationFraction is not (> 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), $"ValidationFraction must be in (0, 1) (got {ValidationFraction}).");
        var label = data.Schema.GetColumnOrNull(LabelColumnName)?.Type;
        var parts = label is KeyDataViewType or TextDataViewType or BooleanDataViewType
            ? _ml.Data.StratifiedTrainTestSplit(data, ValidationFraction, LabelColumnName, Options.Seed)
            : _ml.Data.TrainTestSplit(data, ValidationFraction, seed: Options.Seed);
        return (parts.TrainSet, parts.TestSet);
    }

    private TrialOutcome Train(TrialContext context, DataViewSchema input, IDataView train, IDataView validation)
    {
        var (trainer, trainingTransforms, suffix) = _pipeline(context.Parameters);
        trainer.Options.Seed = context.Trial.Seed;
        trainer.Options.Threads = context.Threads;
        trainer.Options.Epochs = Math.Min(trainer.Options.Epochs, context.MaxEpochs);
        // A trial trains alone, even in a process started by torchrun.
        trainer.Options.Distributed = new DistributedOptions();
        var trainPart = trainingTransforms?.Fit(train).Transform(train) ?? train;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        double? last = null;
        var pruned = false;
        string? missing = null;
        trainer.EpochCompleted += (_, e) =>
        {
            if (e.Metrics.Value(Options.Metric) is not { } value)
            {
                missing = $"The validation metric {Options.Metric} is not reported; the epoch reports ValidationLoss" +
                    (e.Metrics.ValidationAccuracy is null ? "" : ", ValidationAccuracy") +
                    (e.Metrics.ValidationMetrics.Count == 0 ? "" : ", " + string.Join(", ", e.Metrics.ValidationMetrics.Keys)) + ".";
                stop.Cancel();
                return;
            }
            last = value;
            if (!context.Report(e.Metrics.Epoch, value) && e.Metrics.Epoch < e.Epochs)
            {
                pruned = true;
                stop.Cancel();
            }
        };
        var cnn = trainer.Fit(trainPart, validation, stop.Token);
        try
        {
            if (missing is not null) throw new InvalidOperationException(missing);
            if (last is not { } value) throw new InvalidOperationException("The trial ended before its first epoch did.");
            if (pruned)
            {
                cnn.Dispose();
                return new TrialOutcome(value, pruned: true);
            }
            return new TrialOutcome(value, pruned: false, path => Save(path, input, cnn, suffix, train), cnn);
        }
        catch
        {
            cnn.Dispose();
            throw;
        }
    }

    private void Save(string path, DataViewSchema input, CnnTransformer cnn, IEstimator<ITransformer>? suffix, IDataView train)
    {
        var parts = new List<ITransformer>();
        if (InputTransformer is not null) parts.Add(InputTransformer);
        parts.Add(cnn);
        if (suffix is not null) parts.Add(suffix.Fit(cnn.Transform(train)));
        AtomicFile.Write(path, "model", stream => _ml.Model.Save(new TransformerChain<ITransformer>([.. parts]), input, stream));
    }
}
