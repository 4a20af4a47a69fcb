namespace Ml.Cnn.Training;

/// <summary>
/// Keras' EarlyStopping: stop when the monitored value has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> epochs, and optionally restore the weights of the best epoch.
/// </summary>
public sealed class EarlyStopping
{
    /// <summary>
    /// What to watch: <c>ValidationLoss</c>, <c>ValidationAccuracy</c>, <c>TrainLoss</c>, <c>TrainAccuracy</c>, or any
    /// validation metric of the task's evaluator (e.g. <c>MacroAccuracy</c>, <c>AreaUnderRocCurve</c>, <c>RSquared</c>,
    /// <c>RecallAt1</c>; computed each epoch when there is validation data).
    /// </summary>
    /// <value>Default <c>ValidationLoss</c>.</value>
    public string Monitor { get; set; } = "ValidationLoss";

    /// <summary>Whether larger is better; null decides by the name (losses and errors, but not LogLossReduction: smaller is better).</summary>
    /// <value>Default null.</value>
    public bool? Maximize { get; set; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    /// <value>Default 0.</value>
    public double MinDelta { get; set; }

    /// <summary>Epochs without improvement before stopping.</summary>
    /// <value>Default 5.</value>
    public int Patience { get; set; } = 5;

    /// <summary>Return the weights of the best epoch rather than the last.</summary>
    /// <value>Default true.</value>
    public bool RestoreBestWeights { get; set; } = true;

    /// <summary>Whether larger values of <see cref="Monitor"/> are better.</summary>
    public bool IsMaximized => Maximize ?? (Monitor.EndsWith("Reduction", StringComparison.OrdinalIgnoreCase) ||
        !(Monitor.Contains("Loss", StringComparison.OrdinalIgnoreCase) || Monitor.Contains("Error", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Monitor)) throw new ArgumentException("EarlyStopping.Monitor must name a metric.", nameof(Monitor));
        if (!(MinDelta >= 0) || !double.IsFinite(MinDelta)) throw new ArgumentException($"EarlyStopping.MinDelta must be >= 0 (got {MinDelta}).", nameof(MinDelta));
        if (Patience < 0) throw new ArgumentException($"EarlyStopping.Patience must be >= 0 (got {Patience}).", nameof(Patience));
    }

    /// <summary>True when <paramref name="value"/> improves on <paramref name="best"/> by more than <see cref="MinDelta"/>.</summary>
    /// <param name="value">This epoch's value.</param>
    /// <param name="best">The best so far, or null.</param>
    public bool Improves(double value, double? best) =>
        best is not { } b || (IsMaximized ? value > b + MinDelta : value < b - MinDelta);
}
