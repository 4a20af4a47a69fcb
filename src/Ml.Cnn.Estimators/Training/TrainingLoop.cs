using System.Diagnostics;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Training;

/// <summary>The epoch loop every task shares: shuffled batches prepared in the background, one native step per batch, validation after each epoch.</summary>
internal sealed class TrainingLoop(CnnTrainerOptions options, CnnTask task, int outputs)
{
    private const int ValidationChunk = 1024;

    /// <summary>Raised after every epoch.</summary>
    public event Action<EpochMetrics>? EpochCompleted;

    public TrainingHistory Run(Network network, LossFunction loss, TrainingData data, TrainingData? held, Random random)
    {
        var history = new TrainingHistory();
        using var optimizer = options.Optimizer == OptimizerKind.Sgd
            ? Optimizer.Sgd(network, options.LearningRate, options.Momentum, options.WeightDecay)
            : Optimizer.Adam(network, options.LearningRate, weightDecay: options.WeightDecay);
        var feeder = new BatchFeeder(data, options.BatchSize, options.PrefetchBatches);
        var order = Enumerable.Range(0, data.Count).ToArray();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var (trainLoss, accuracy, seconds) = RunEpoch(network, optimizer, loss, feeder, data, order, epoch);
            var (validationLoss, validationAccuracy) = held is null ? (null, null) : Validate(network, loss, held);
            var metrics = new EpochMetrics(epoch, trainLoss, accuracy, validationLoss, validationAccuracy, options.LearningRate, seconds, data.Count);
            history.Add(metrics);
            options.Progress?.WriteLine(metrics.ToProgressLine(options.Epochs));
            EpochCompleted?.Invoke(metrics);
        }
        return history;
    }

    private (double Loss, double? Accuracy, double Seconds) RunEpoch(Network network, Optimizer optimizer, LossFunction loss,
        BatchFeeder feeder, TrainingData data, int[] order, int epoch)
    {
        using var stop = new CancellationTokenSource();
        var batches = feeder.Start(order, stop.Token);
        var outputBuffer = new float[options.BatchSize * outputs];
        double lossSum = 0;
        long correct = 0, decisions = 0, seen = 0;
        var number = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            while (batches.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (batches.TryRead(out var batch))
                {
                    number = batch.Number;
                    var n = batch.Count;
                    var columns = data.TargetColumns;
                    var value = network.TrainStep(optimizer, loss, batch.Pixels, n, data.Images.Shape, batch.Targets.AsSpan(0, n * columns), columns,
                        batch.Weights.Length == 0 ? [] : batch.Weights.AsSpan(0, n), outputBuffer.AsSpan(0, n * outputs));
                    lossSum += (double)value * n;
                    var (c, t) = TaskAccuracy.Count(task, outputBuffer, outputs, batch.Targets, n);
                    correct += c;
                    decisions += t;
                    seen += n;
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
        return (lossSum / seen, decisions > 0 ? (double)correct / decisions : null, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The loss on the validation data (the row-weighted mean over chunks of 1024 rows) and the task's accuracy.</summary>
    private (double? Loss, double? Accuracy) Validate(Network network, LossFunction loss, TrainingData held)
    {
        var raw = Prediction.Outputs(network, held.Images.Pixels, held.Count, held.Images.Shape, outputs, OutputHead.Identity);
        var columns = held.TargetColumns;
        double sum = 0;
        for (var start = 0; start < held.Count; start += ValidationChunk)
        {
            var n = Math.Min(ValidationChunk, held.Count - start);
            using var chunk = Tensor.FromArray(raw.AsSpan(start * outputs, n * outputs), n, outputs);
            var weights = held.Weights is null ? [] : held.Weights.AsSpan(start, n);
            sum += (double)loss.Compute(chunk, held.Targets.AsSpan(start * columns, n * columns), columns, weights) * n;
        }
        var (correct, total) = TaskAccuracy.Count(task, raw, outputs, held.Targets, held.Count);
        return (sum / held.Count, total > 0 ? (double)correct / total : null);
    }
}
