namespace Ml.Cnn.Training;

/// <summary>Raised after each epoch (after validation).</summary>
/// <param name="metrics">The epoch's metrics.</param>
/// <param name="epochs">Total epochs planned.</param>
public sealed class EpochCompletedEventArgs(EpochMetrics metrics, int epochs) : EventArgs
{
    /// <summary>The epoch's metrics.</summary>
    public EpochMetrics Metrics { get; } = metrics;

    /// <summary>Total epochs planned.</summary>
    public int Epochs { get; } = epochs;
}
