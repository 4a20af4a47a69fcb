namespace Ml.Cnn.Training;

/// <summary>What one epoch did.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch (as the weights moved).</param>
/// <param name="TrainAccuracy">Fraction of training decisions right during the epoch (null for regression and embeddings).</param>
/// <param name="ValidationLoss">The training loss on the validation data after the epoch, or null without validation data.</param>
/// <param name="ValidationAccuracy">Validation accuracy after the epoch, or null (no validation data, or no accuracy for the task).</param>
/// <param name="LearningRate">The learning rate used.</param>
/// <param name="Seconds">Wall time of the training steps (validation excluded).</param>
/// <param name="Images">Training images processed.</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double? TrainAccuracy, double? ValidationLoss,
    double? ValidationAccuracy, double LearningRate, double Seconds, long Images)
{
    /// <summary>The task evaluator's metrics on the validation data after the epoch (e.g. MacroAccuracy, AreaUnderRocCurve); empty without validation data.</summary>
    public IReadOnlyDictionary<string, double> ValidationMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// The value of a monitored quantity: <c>TrainLoss</c>, <c>TrainAccuracy</c>, <c>ValidationLoss</c>,
    /// <c>ValidationAccuracy</c>, or a key of <see cref="ValidationMetrics"/>; null when this epoch does not have it.
    /// </summary>
    /// <param name="name">The quantity.</param>
    public double? Value(string name) => name switch
    {
        "TrainLoss" => TrainLoss,
        "TrainAccuracy" => TrainAccuracy,
        "ValidationLoss" => ValidationLoss,
        "ValidationAccuracy" => ValidationAccuracy,
        _ => ValidationMetrics.TryGetValue(name, out var v) ? v : null,
    };

    /// <summary>
    /// What the input pipeline alone delivers: images divided by the seconds the background producer spent reading, decoding
    /// and batching them (it runs in parallel with training, so this is its capacity, not the training rate).
    /// </summary>
    public double InputImagesPerSecond { get; init; }

    /// <summary>Training images per second in this epoch.</summary>
    public double ImagesPerSecond => Seconds > 0 ? Images / Seconds : 0;

    /// <summary>One progress line, e.g. <c>epoch 1/5  loss 0.5123  acc 0.8121  val_loss ...  12.3s  4870 img/s</c>.</summary>
    /// <param name="epochs">Total epochs.</param>
    public string ToProgressLine(int epochs)
    {
        var line = FormattableString.Invariant($"epoch {Epoch}/{epochs}  loss {TrainLoss:F4}");
        if (TrainAccuracy is { } ta) line += FormattableString.Invariant($"  acc {ta:F4}");
        if (ValidationLoss is { } vl) line += FormattableString.Invariant($"  val_loss {vl:F4}");
        if (ValidationAccuracy is { } va) line += FormattableString.Invariant($"  val_acc {va:F4}");
        return line + FormattableString.Invariant($"  lr {LearningRate:G4}  {Seconds:F1}s  {ImagesPerSecond:F0} img/s");
    }
}
