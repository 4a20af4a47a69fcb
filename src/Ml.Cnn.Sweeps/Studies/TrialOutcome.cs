namespace Ml.Cnn.Sweeps;

/// <summary>How a trial function ended: its final metric, whether it was pruned, and how to save its model.</summary>
/// <param name="value">The metric after the last epoch it trained.</param>
/// <param name="pruned">True when it stopped because <see cref="TrialContext.Report"/> returned false.</param>
/// <param name="saveModel">Writes the trial's model to a path, or null when there is none to keep.</param>
/// <param name="resources">Released after the sweep has saved (or not) the model, or null.</param>
public sealed class TrialOutcome(double value, bool pruned, Action<string>? saveModel = null, IDisposable? resources = null) : IDisposable
{
    /// <summary>The metric after the last epoch trained.</summary>
    public double Value { get; } = value;

    /// <summary>Whether the pruner stopped the trial.</summary>
    public bool Pruned { get; } = pruned;

    /// <summary>Writes the model to a path, or null.</summary>
    public Action<string>? SaveModel { get; } = saveModel;

    /// <inheritdoc/>
    public void Dispose() => resources?.Dispose();
}
