using Ml.Cnn.Engine;
using Ml.Cnn.Model;
using Ml.Cnn.Schedules;

namespace Ml.Cnn.Training;

/// <summary>
/// The epoch loop every task shares: per-epoch seeds (so a resumed run repeats the uninterrupted one), the learning-rate
/// schedule, validation, early stopping, checkpoints, resume, cancellation after the current batch, and events.
/// </summary>
internal sealed class TrainingLoop(CnnTrainerOptions options, CnnTask task, int outputs, int seed, string fingerprint)
{
    /// <summary>Raised after every epoch.</summary>
    public event Action<EpochMetrics>? EpochCompleted;

    /// <summary>
    /// The process group of data-parallel training, or null alone. Rank 0 alone writes checkpoints and decides from its
    /// validation values, for every rank, the schedule's monitored value and early stopping; each rank draws its own
    /// augmentations.
    /// </summary>
    public ProcessGroup? Group { get; init; }

    private int Rank => Group?.Rank ?? 0;

    /// <summary>Raised after every training step.</summary>
    public event Action<BatchCompletedEventArgs>? BatchCompleted;

    public TrainingHistory Run(Network network, LossFunction loss, TrainingSet data, TrainingSet? held,
        Func<IReadOnlyDictionary<string, double>>? validationMetrics, CancellationToken cancellation)
    {
        var history = new TrainingHistory();
        using var optimizer = Optimizer.Create(network, OptimizerSpec.From(options));
        var feeder = new BatchFeeder(data, options.BatchSize, options.PrefetchBatches, options.BalancedSampling);
        var epochRows = feeder.EpochRows;
        var schedule = options.Schedule.Start(options.LearningRate, options.Epochs, (epochRows + feeder.BatchSize - 1) / feeder.BatchSize);
        var stopping = new EarlyStoppingState(options.EarlyStopping);
        var runner = new EpochRunner(options, task, outputs);
        runner.BatchCompleted += e => BatchCompleted?.Invoke(e);
        var first = options.Resume ? Resume(network, optimizer, schedule, stopping, history) + 1 : 1;
        if (history.StopReason == TrainingStopReason.EarlyStopped) first = options.Epochs + 1;
        // Every rank must continue from the same epoch (and so the same weights): rank 0's checkpoint decides.
        if ((int)Agreed(first) is var agreed && agreed != first)
            throw new InvalidOperationException(
                $"Rank {Rank} resumes at epoch {first} but rank 0 at epoch {agreed}: give every rank the same checkpoint folder " +
                "(a shared folder, or a copy of rank 0's latest.ckpt), or none.");
        var last = first - 1;
        for (var epoch = first; epoch <= options.Epochs; epoch++)
        {
            if (cancellation.IsCancellationRequested)
            {
                history.StopReason = TrainingStopReason.Cancelled;
                break;
            }
            network.Seed(unchecked((ulong)seed * 1_000_003UL + (ulong)epoch));
            var orderRandom = new Random(unchecked(seed * 7919 + epoch));
            // Each rank draws its own augmentations (rank 0 those of a training alone).
            var augmentRandom = new Random(unchecked(seed * 104_729 + epoch + Rank * 7_340_033));
            var learningRate = schedule.LearningRate;
            var result = runner.Run(network, optimizer, loss, feeder, data, orderRandom, epoch, schedule, augmentRandom, cancellation);
            if (result is null)
            {
                history.StopReason = TrainingStopReason.Cancelled;
                last = -1;
                break;
            }
            var (trainLoss, accuracy, seconds, inputSeconds, rows) = result.Value;
            var (validationLoss, validationAccuracy) = held is null ? (null, null) : runner.Validate(network, loss, held);
            var metrics = new EpochMetrics(epoch, trainLoss, accuracy, validationLoss, validationAccuracy, learningRate, seconds, (int)rows)
            {
                ValidationMetrics = validationMetrics?.Invoke() ?? new Dictionary<string, double>(),
                InputImagesPerSecond = inputSeconds > 0 ? rows / inputSeconds : 0,
            };
            history.Add(metrics);
            last = epoch;
            options.Progress?.WriteLine(metrics.ToProgressLine(options.Epochs));
            EpochCompleted?.Invoke(metrics);
            schedule.AfterEpoch(Agreed(validationLoss ?? trainLoss));
            var isBest = Rank == 0 && stopping.Update(metrics, network);
            var stop = Agreed(stopping.ShouldStop ? 1 : 0) > 0;
            if (options.CheckpointDirectory is { } directory && Rank == 0)
            {
                var state = new CheckpointState(epoch, fingerprint, history.Epochs.ToArray(), schedule.Save(), stopping.Best, stopping.BestEpoch, stopping.Wait)
                {
                    EarlyStopped = stop,
                };
                if (epoch % options.CheckpointEveryEpochs == 0 || stop || epoch == options.Epochs)
                    CheckpointFile.Write(Path.Combine(directory, CheckpointFile.Latest), state, network, optimizer, stopping.BestWeights);
                if (isBest) CheckpointFile.Write(Path.Combine(directory, CheckpointFile.Best), state, network, optimizer, stopping.BestWeights);
            }
            if (stop)
            {
                history.StopReason = TrainingStopReason.EarlyStopped;
                break;
            }
        }
        history.RestoredEpoch = stopping.RestoreBest(network, last);
        return history;
    }

    /// <summary>Rank 0's value on every rank (the value itself alone), so every rank's schedule and stopping decide alike.</summary>
    private double Agreed(double value)
    {
        if (Group is null) return value;
        Span<double> shared = [Rank == 0 ? value : 0];
        Group.AllReduceSum(shared);
        return shared[0];
    }

    /// <summary>Loads the latest checkpoint when there is one; returns the epoch it finished (0 when starting fresh).</summary>
    private int Resume(Network network, Optimizer optimizer, ScheduleRunner schedule, EarlyStoppingState stopping, TrainingHistory history)
    {
        var path = Path.Combine(options.CheckpointDirectory!, CheckpointFile.Latest);
        if (!File.Exists(path)) return 0;
        if (CheckpointFile.ReadState(path).Fingerprint != fingerprint)
            throw new InvalidOperationException(
                $"Checkpoint '{path}' belongs to another training setup (network, task, outputs, optimizer, schedule, loss, seed, " +
                "batch size, class weights or training-row count differ). Use the same options and data (set Seed, or use an " +
                "MLContext with the same seed), or another CheckpointDirectory.");
        var (state, best) = CheckpointFile.Read(path, network, optimizer);
        foreach (var epoch in state.History) history.Add(epoch);
        if (state.EarlyStopped) history.StopReason = TrainingStopReason.EarlyStopped;
        schedule.Restore(state.Schedule);
        stopping.Restore(state.BestValue, state.BestEpoch, state.Wait, best);
        history.ResumedAfterEpoch = state.Epoch;
        return state.Epoch;
    }
}
