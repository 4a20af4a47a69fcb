using Ml.Cnn.Engine;
using Ml.Cnn.Heads;
using Ml.Cnn.Layers;
using Ml.Cnn.Losses;
using Ml.Cnn.Metrics;
using Ml.Cnn.Model;
using Ml.Cnn.Training;
using Ml.Cnn.Training.Targets;

namespace Ml.Cnn.Trainers;

/// <summary>
/// The training run of a task head, with options already validated for its task: the checks that depend on the data,
/// the loss (the options' or the head's default), the network, the loop and the model built around the trained network.
/// </summary>
internal sealed class HeadTrainer(CnnTrainerOptions options, int seed, TaskHead head)
{
    private readonly CnnTask _task = head.Task;
    private readonly Loss _loss = options.Loss ?? head.DefaultLoss;

    /// <summary>Raised after every epoch with its metrics.</summary>
    public event EventHandler<EpochCompletedEventArgs>? EpochCompleted;

    /// <summary>Raised after every training step with the epoch's running loss and accuracy.</summary>
    public event EventHandler<BatchCompletedEventArgs>? BatchCompleted;

    /// <summary>
    /// Trains on a checked training set: the checks every storage shares, the network, the loop and the model. The
    /// validation metrics, when given, score the model as it is after each epoch.
    /// </summary>
    public CnnModel Train(TrainingSet data, TrainingSet? held, TargetReader targets, Func<CnnModel, IReadOnlyDictionary<string, double>>? validationMetrics,
        CancellationToken cancellation)
    {
        // In data-parallel training only rank 0 validates (and decides early stopping for all).
        if (options.EarlyStopping is { Monitor: not ("TrainLoss" or "TrainAccuracy") } stopping && held is null && options.EffectiveDistributed is not { Rank: > 0 })
            throw new ArgumentException($"EarlyStopping monitors '{stopping.Monitor}', a validation value, but there is no validation data. " +
                "Pass validation data to Fit, set ValidationFraction, or monitor TrainLoss.");
        _loss.CheckFits(_task, targets.Outputs);
        if (held is not null && held.Shape != data.Shape)
            throw new ArgumentException($"Validation images are {held.Shape} but training images are {data.Shape}.");
        if (data.MixesTargets && (_task == CnnTask.Embedding || TakesOnlyClassIndices(_loss)))
            throw new ArgumentException($"Mixup and CutMix make soft labels, which loss {_loss.Name} on the {_task.ToString().ToLowerInvariant()} task cannot take; " +
                "use cross-entropy or focal, or drop the mixing augmentation.");
        if (data.Augmenters.Count > 0 && Math.Abs(options.PixelScale - 1f / 255f) > 1e-9f)
            throw new ArgumentException($"Augmentations work on pixels scaled to [0, 1]; PixelScale is {options.PixelScale}. Keep PixelScale at 1/255 " +
                "and use PixelMean/PixelStd for other ranges.");
        var resolved = options.Architecture.Resolve(data.Shape, targets.Outputs);
        var classWeights = targets.ClassWeights(options.ClassWeights);
        if (options.CheckpointDirectory is { } directory) CheckpointFile.CheckWritable(directory);
        var group = Join(data);
        try
        {
            return TrainInGroup(data, held, targets, validationMetrics, resolved, classWeights, group, cancellation);
        }
        finally
        {
            group?.Dispose();
        }
    }

    /// <summary>Joins the process group of data-parallel training, if any, and gives <paramref name="data"/> this rank's shard.</summary>
    private ProcessGroup? Join(TrainingSet data)
    {
        if (options.EffectiveDistributed is not { WorldSize: > 1 } distributed) return null;
        var group = ProcessGroup.Join(distributed.Backend ?? (Torch.Resolve(options.Device) == ComputeDevice.Cuda ? DistributedBackend.Nccl : DistributedBackend.Gloo),
            distributed.Rank, distributed.WorldSize, distributed.MasterAddress, distributed.MasterPort, distributed.Timeout);
        data.Shard = (distributed.Rank, distributed.WorldSize);
        return group;
    }

    /// <summary>Trains with the pixel statistics of the whole set, alone or as a rank of <paramref name="group"/>.</summary>
    private CnnModel TrainInGroup(TrainingSet data, TrainingSet? held, TargetReader targets, Func<CnnModel, IReadOnlyDictionary<string, double>>? validationMetrics,
        ResolvedNetwork resolved, float[] classWeights, ProcessGroup? group, CancellationToken cancellation)
    {
        var (mean, std) = options.ComputePixelStatistics
            ? PixelStatistics.Compute(data, options.PixelScale, group)
            : (options.PixelMean?.ToArray() ?? [], options.PixelStd?.ToArray() ?? []);
        if (mean.Length > 0 && mean.Length != data.Shape.Channels)
            throw new ArgumentException($"PixelMean has {mean.Length} values but the images have {data.Shape.Channels} channels.");
        var metadata = new ModelMetadata(resolved.Name, resolved.Spec, resolved.Summary(), data.Shape, targets.OutputNames.ToArray(),
            options.PixelScale, mean, std, options.ImageColumnName, _task, targets.Outputs);
        var network = Network.Create(resolved.Spec, options.Device, (ulong)seed);
        try
        {
            network.Threads = options.Threads;
            if (group is not null)
            {
                group.Broadcast(network);
                network.Group = group;
                network.SyncBatchNorm = options.EffectiveDistributed!.SyncBatchNorm;
            }
            // Without a choice, the device's default; in data-parallel training one for all ranks (their CPUs may differ).
            var precision = options.Precision ?? Torch.DefaultPrecision(network.Device);
            network.Precision = options.Precision is null && group is not null ? group.AgreeOnPrecision(precision) : precision;
            network.SetInputPreprocessing(options.PixelScale, mean, std);
            using var loss = new LossFunction(_loss.ToSpec(), classWeights, options.LossReduction);
            var fingerprint = string.Join("|", resolved.Spec, _task, targets.Outputs, OptimizerSpec.From(options), options.Schedule, _loss.ToSpec(),
                seed, options.BatchSize, options.LossReduction, string.Join(",", classWeights), data.Count, options.BalancedSampling);
            var loop = new TrainingLoop(options, _task, targets.Outputs, seed, fingerprint) { Group = group };
            loop.EpochCompleted += metrics => EpochCompleted?.Invoke(this, new EpochCompletedEventArgs(metrics, options.Epochs));
            loop.BatchCompleted += e => BatchCompleted?.Invoke(this, e);
            var view = CnnModel.Create(network, metadata, history: null);
            Func<IReadOnlyDictionary<string, double>>? score = validationMetrics is null ? null : () => validationMetrics(view);
            var history = loop.Run(network, loss, data, held, score, cancellation);
            history.Precision = network.Precision;
            if (group is not null)
            {
                history.AllReduceSeconds = group.AllReduceSeconds;
                network.Group = null;
            }
            return CnnModel.Create(network, metadata, history);
        }
        catch (TrainingException e) when (e.LastGoodModel is null)
        {
            if (group is not null) network.Group = null;
            throw new TrainingException(e.Epoch, e.Batch, e.InnerException!, CnnModel.Create(network, metadata, history: null));
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static bool TakesOnlyClassIndices(Loss loss) =>
        loss is HingeLoss || (loss is WeightedSumLoss sum && sum.Terms.Any(t => t.Loss is HingeLoss));
}
