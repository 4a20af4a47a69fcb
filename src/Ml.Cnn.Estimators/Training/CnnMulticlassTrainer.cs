using System.Diagnostics;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Model;

namespace Ml.Cnn.Training;

/// <summary>
/// Trains a CNN image classifier (an estimator): Fit on a view with Image and Label columns returns a
/// <see cref="CnnMulticlassModel"/> that adds Score (softmax per class) and PredictedLabel.
/// </summary>
public sealed class CnnMulticlassTrainer : IEstimator<CnnMulticlassModel>
{
    private readonly CnnTrainerOptions _options;
    private readonly int _seed;

    /// <summary>Creates the trainer; options are validated here.</summary>
    /// <param name="options">The options.</param>
    /// <param name="contextSeed">The seed used when <see cref="CnnTrainerOptions.Seed"/> is null.</param>
    public CnnMulticlassTrainer(CnnTrainerOptions options, int contextSeed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _seed = options.Seed ?? contextSeed;
    }

    /// <summary>Raised after every epoch with its metrics.</summary>
    public event EventHandler<EpochCompletedEventArgs>? EpochCompleted;

    /// <summary>Trains on <paramref name="input"/>, holding out <see cref="CnnTrainerOptions.ValidationFraction"/> for validation.</summary>
    /// <param name="input">Training data.</param>
    public CnnMulticlassModel Fit(DataView input) => Fit(input, null);

    /// <summary>Trains on <paramref name="train"/> and reports validation metrics on <paramref name="validation"/> each epoch.</summary>
    /// <param name="train">Training data.</param>
    /// <param name="validation">Validation data, or null to use <see cref="CnnTrainerOptions.ValidationFraction"/>.</param>
    public CnnMulticlassModel Fit(DataView train, DataView? validation)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.RowCount == 0) throw new ArgumentException("The training data has no rows.", nameof(train));
        var random = new Random(_seed);
        if (validation is null && _options.ValidationFraction > 0) (train, validation) = Split(train, random);
        var keys = LabelKeyMap.FromLabels(TrainingData.ReadLabels(train, _options.LabelColumnName));
        var data = TrainingData.From(train, _options, keys, "training");
        var held = validation is null ? null : TrainingData.From(validation, _options, keys, "validation");
        if (held is not null && held.Images.Shape != data.Images.Shape)
            throw new ArgumentException($"Validation images are {held.Images.Shape} but training images are {data.Images.Shape}.");
        var resolved = _options.Architecture.Resolve(data.Images.Shape, keys.Count);

        if (_options.Threads is { } threads) Torch.Threads = threads;
        Torch.ManualSeed((ulong)_seed);
        var network = Network.Create(resolved.Spec, _options.Device);
        try
        {
            network.SetInputPreprocessing(_options.PixelScale, [], []);
            var history = Train(network, data, held, keys.Count, random);
            var metadata = new ModelMetadata(resolved.Name, resolved.Spec, data.Images.Shape, keys.Values.ToArray(),
                _options.PixelScale, [], [], _options.ImageColumnName);
            return new CnnMulticlassModel(network, metadata, history);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private TrainingHistory Train(Network network, TrainingData data, TrainingData? held, int classes, Random random)
    {
        var history = new TrainingHistory();
        using var optimizer = _options.Optimizer == OptimizerKind.Sgd
            ? Optimizer.Sgd(network, _options.LearningRate, _options.Momentum, _options.WeightDecay)
            : Optimizer.Adam(network, _options.LearningRate, weightDecay: _options.WeightDecay);
        var feeder = new BatchFeeder(data, _options.BatchSize, _options.PrefetchBatches);
        var order = Enumerable.Range(0, data.Count).ToArray();
        for (var epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var (loss, accuracy, seconds) = RunEpoch(network, optimizer, feeder, data.Images.Shape, order, epoch);
            double? validationLoss = null, validationAccuracy = null;
            if (held is not null)
            {
                var probabilities = Prediction.Probabilities(network, held.Images, classes);
                (validationLoss, validationAccuracy) = Prediction.LossAndAccuracy(probabilities, held.Labels, classes);
            }
            var metrics = new EpochMetrics(epoch, loss, accuracy, validationLoss, validationAccuracy, _options.LearningRate, seconds, data.Count);
            history.Add(metrics);
            _options.Progress?.WriteLine(metrics.ToProgressLine(_options.Epochs));
            EpochCompleted?.Invoke(this, new EpochCompletedEventArgs(metrics, _options.Epochs));
        }
        return history;
    }

    private static (double Loss, double Accuracy, double Seconds) RunEpoch(Network network, Optimizer optimizer, BatchFeeder feeder,
        ImageShape shape, int[] order, int epoch)
    {
        using var stop = new CancellationTokenSource();
        var batches = feeder.Start(order, stop.Token);
        double lossSum = 0;
        long correct = 0, seen = 0;
        var number = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            while (batches.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (batches.TryRead(out var batch))
                {
                    number = batch.Number;
                    var step = network.TrainStep(optimizer, batch.Pixels, batch.Count, shape, batch.Labels, batch.Weights);
                    if (!float.IsFinite(step.Loss))
                        throw new InvalidOperationException($"the loss is {step.Loss}. Lower the learning rate or check the data for extreme values.");
                    lossSum += (double)step.Loss * batch.Count;
                    correct += step.Correct;
                    seen += batch.Count;
                    feeder.Release(batch);
                }
            }
        }
        catch (Exception e) when (e is not TrainingException)
        {
            throw new TrainingException(epoch, Math.Max(number, 1), e);
        }
        finally
        {
            stop.Cancel();
        }
        return (lossSum / seen, (double)correct / seen, clock.Elapsed.TotalSeconds);
    }

    private (DataView Train, DataView Validation) Split(DataView data, Random random)
    {
        var rows = Enumerable.Range(0, data.RowCount).ToArray();
        random.Shuffle(rows);
        var held = (int)Math.Round(data.RowCount * _options.ValidationFraction);
        if (held < 1 || held >= data.RowCount)
            throw new ArgumentException($"ValidationFraction {_options.ValidationFraction} of {data.RowCount} rows leaves no training or no validation rows.");
        var validation = rows[..held];
        var train = rows[held..];
        Array.Sort(validation);
        Array.Sort(train);
        return (data.Select(train), data.Select(validation));
    }
}
