namespace Ml.Cnn.Training;

/// <summary>Raised after every training step, like ML.NET's metrics callback: running means over the epoch so far.</summary>
/// <param name="epoch">1-based epoch.</param>
/// <param name="epochs">Total epochs planned.</param>
/// <param name="batch">1-based batch within the epoch.</param>
/// <param name="batches">Batches per epoch.</param>
/// <param name="loss">Mean training loss of the epoch so far.</param>
/// <param name="accuracy">Training accuracy of the epoch so far, or null when the task has none.</param>
/// <param name="learningRate">The learning rate of this step.</param>
public sealed class BatchCompletedEventArgs(int epoch, int epochs, int batch, int batches, double loss, double? accuracy, double learningRate)
    : EventArgs
{
    /// <summary>1-based epoch.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>Total epochs planned.</summary>
    public int Epochs { get; } = epochs;

    /// <summary>1-based batch within the epoch.</summary>
    public int Batch { get; } = batch;

    /// <summary>Batches per epoch.</summary>
    public int Batches { get; } = batches;

    /// <summary>Mean training loss of the epoch so far.</summary>
    public double Loss { get; } = loss;

    /// <summary>Training accuracy of the epoch so far, or null when the task has none.</summary>
    public double? Accuracy { get; } = accuracy;

    /// <summary>The learning rate of this step.</summary>
    public double LearningRate { get; } = learningRate;
}
