namespace Ml.Cnn.Training;

/// <summary>Training failed at a known epoch and batch; the inner exception holds the cause (often libtorch's message).</summary>
public sealed class TrainingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">1-based epoch.</param>
    /// <param name="batch">1-based batch within the epoch.</param>
    /// <param name="inner">The cause.</param>
    public TrainingException(int epoch, int batch, Exception inner)
        : base($"Training failed at epoch {epoch}, batch {batch}: {inner.Message}", inner)
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>1-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>1-based batch within the epoch.</summary>
    public int Batch { get; }
}
