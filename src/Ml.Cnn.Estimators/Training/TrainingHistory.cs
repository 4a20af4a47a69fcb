namespace Ml.Cnn.Training;

/// <summary>Keras' History: one <see cref="EpochMetrics"/> per finished epoch, and how training ended.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochMetrics> _epochs = [];

    /// <summary>The epochs, in order.</summary>
    public IReadOnlyList<EpochMetrics> Epochs => _epochs;

    /// <summary>Why training ended.</summary>
    public TrainingStopReason StopReason { get; internal set; } = TrainingStopReason.Completed;

    /// <summary>The epoch whose weights the model holds when early stopping restored the best weights, else null.</summary>
    public int? RestoredEpoch { get; internal set; }

    /// <summary>The epoch training resumed after (from a checkpoint), or 0.</summary>
    public int ResumedAfterEpoch { get; internal set; }

    /// <summary>Seconds spent in training steps over all epochs (data loaded beforehand; validation excluded).</summary>
    public double TrainSeconds => _epochs.Sum(e => e.Seconds);

    /// <summary>Training images processed over all epochs.</summary>
    public long Images => _epochs.Sum(e => e.Images);

    /// <summary>The input pipeline's capacity over all epochs (see <see cref="EpochMetrics.InputImagesPerSecond"/>).</summary>
    public double InputImagesPerSecond
    {
        get
        {
            var seconds = _epochs.Sum(e => e.InputImagesPerSecond > 0 ? e.Images / e.InputImagesPerSecond : 0);
            return seconds > 0 ? Images / seconds : 0;
        }
    }

    /// <summary>
    /// The arithmetic the training steps ran in: the trainer's <see cref="CnnTrainerOptions.Precision"/>, or where that was
    /// null the device's default (<see cref="Engine.Torch.DefaultPrecision"/>), agreed by all ranks in data-parallel
    /// training. After a resume it is the precision of this run's epochs: a checkpoint does not record its own.
    /// </summary>
    public Engine.TrainingPrecision Precision { get; internal set; }

    /// <summary>
    /// In data-parallel training, the seconds of <see cref="TrainSeconds"/> this rank spent averaging gradients with the
    /// others (waiting for slower ranks included): the cost of communication. Null when training alone.
    /// </summary>
    public double? AllReduceSeconds { get; internal set; }

    /// <summary>Training images per second over all epochs (this rank's images in data-parallel training).</summary>
    public double ImagesPerSecond => TrainSeconds > 0 ? Images / TrainSeconds : 0;

    internal void Add(EpochMetrics epoch) => _epochs.Add(epoch);
}
