using System.Diagnostics;
using Ml.Cnn.Engine;
using Ml.Cnn.Metrics;
using Ml.Cnn.Schedules;

namespace Ml.Cnn.Training;

/// <summary>One epoch of training steps (batches prepared in the background), and validation after it.</summary>
internal sealed class EpochRunner(CnnTrainerOptions options, CnnTask task, int outputs)
{
    private const int ValidationChunk = 1024;

    public event Action<BatchCompletedEventArgs>? BatchCompleted;

    /// <summary>Trains one epoch; null when cancelled (after the current batch).</summary>
    public (double Loss, double? Accuracy, double Seconds, double InputSeconds, long Rows)? Run(Network network, Optimizer optimizer, LossFunction loss,
        BatchFeeder feeder, TrainingSet data, Random orderRandom, int epoch, ScheduleRunner schedule, Random augmentRandom, CancellationToken cancellation)
    {
        using var plan = data.Augmenters.Count > 0 ? new AugmentationPlan() : null;
        var soft = data.MixesTargets && task == CnnTask.Multiclass && data.TargetColumns == 1 ? new float[feeder.BatchSize * outputs] : null;
        using var stop = new CancellationTokenSource();
        var batches = feeder.Start(orderRandom, stop.Token);
        var outputBuffer = new float[feeder.BatchSize * outputs];
        double lossSum = 0;
        long correct = 0, decisions = 0, seen = 0;
        var number = 0;
        var rate = double.NaN;
        var clock = Stopwatch.StartNew();
        var filled = feeder.FillSeconds;
        try
        {
            while (batches.TryTake(out var batch))
            {
                number = batch.Number;
                if (schedule.LearningRate != rate) optimizer.SetLearningRate(rate = schedule.LearningRate);
                var n = batch.Count;
                var (targets, columns) = soft is null ? (batch.Targets, data.TargetColumns) : (OneHot(batch.Targets, n, soft), outputs);
                if (plan is not null)
                {
                    plan.Clear();
                    foreach (var augmenter in data.Augmenters) augmenter.AddTo(plan, data.Shape, n, augmentRandom);
                }
                var value = network.TrainStep(optimizer, loss, plan, batch.Pixels, n, data.Shape, targets.AsSpan(0, n * columns), columns,
                    batch.Weights.Length == 0 ? [] : batch.Weights.AsSpan(0, n), outputBuffer.AsSpan(0, n * outputs));
                schedule.AfterBatch();
                lossSum += options.LossReduction == LossReduction.Sum ? value : (double)value * n;
                var (c, t) = TaskAccuracy.Count(task, outputBuffer, outputs, batch.Targets, n);
                correct += c;
                decisions += t;
                seen += n;
                feeder.Release(batch);
                BatchCompleted?.Invoke(new BatchCompletedEventArgs(epoch, options.Epochs, number, feeder.Batches, lossSum / seen,
                    decisions > 0 ? (double)correct / decisions : null, rate));
                if (cancellation.IsCancellationRequested) return null;
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
        return (lossSum / seen, decisions > 0 ? (double)correct / decisions : null, clock.Elapsed.TotalSeconds, feeder.FillSeconds - filled, seen);
    }

    /// <summary>Class indices of a batch as one-hot rows (mixing augmentations need soft targets).</summary>
    private float[] OneHot(float[] indices, int rows, float[] soft)
    {
        Array.Clear(soft, 0, rows * outputs);
        for (var i = 0; i < rows; i++) soft[i * outputs + (int)indices[i]] = 1f;
        return soft;
    }

    /// <summary>The loss on the validation data (the row-weighted mean over chunks of 1024 rows) and the task's accuracy.</summary>
    public (double? Loss, double? Accuracy) Validate(Network network, LossFunction loss, TrainingSet held)
    {
        var predict = Prediction.Direct(network, held.Shape, OutputHead.Identity);
        var columns = held.TargetColumns;
        double sum = 0;
        long correct = 0, total = 0;
        held.ReadInOrder(ValidationChunk, (pixels, n, targets, weights) =>
        {
            var raw = Prediction.Outputs(pixels, n, held.Shape, outputs, predict);
            using var chunk = Tensor.FromArray(raw, n, outputs);
            var value = (double)loss.Compute(chunk, targets, columns, weights);
            sum += options.LossReduction == LossReduction.Sum ? value : value * n;
            var (c, t) = TaskAccuracy.Count(task, raw, outputs, targets.ToArray(), n);
            correct += c;
            total += t;
        });
        return (sum / held.Count, total > 0 ? (double)correct / total : null);
    }
}
