using Ml.Cnn.Model;
using Ml.Cnn.Scoring;

namespace Ml.Cnn.Training;

/// <summary>
/// Training failed at a known epoch and batch; the inner exception holds the cause (often libtorch's message). When the
/// trainer could keep the network, <see cref="LastGoodTransformer"/> holds it with the weights of the last good step.
/// </summary>
public sealed class TrainingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">1-based epoch.</param>
    /// <param name="batch">1-based batch within the epoch.</param>
    /// <param name="inner">The cause.</param>
    /// <param name="lastGoodModel">The model as of the last good step, or null.</param>
    internal TrainingException(int epoch, int batch, Exception inner, CnnModel? lastGoodModel = null)
        : base($"Training failed at epoch {epoch}, batch {batch}: {inner.Message}", inner)
    {
        Epoch = epoch;
        Batch = batch;
        LastGoodModel = lastGoodModel;
    }

    /// <summary>1-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>1-based batch within the epoch.</summary>
    public int Batch { get; }

    /// <summary>The model of the last good step inside the trainer, before it becomes <see cref="LastGoodTransformer"/>.</summary>
    internal CnnModel? LastGoodModel { get; }

    /// <summary>
    /// The model with the weights of the last good step, as a transformer that scores ML.NET data (the caller owns and
    /// disposes it), or null.
    /// </summary>
    public CnnTransformer? LastGoodTransformer { get; private init; }

    /// <summary>The same failure carrying <paramref name="transformer"/>, the last good model as ML.NET's transformer.</summary>
    internal TrainingException WithTransformer(CnnTransformer transformer) =>
        new(Epoch, Batch, InnerException!, LastGoodModel) { LastGoodTransformer = transformer };
}
