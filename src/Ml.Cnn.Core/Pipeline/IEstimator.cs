using Ml.Cnn.Legacy;
namespace Ml.Cnn.Legacy;

/// <summary>A step that learns from data and produces a transformer, as in ML.NET.</summary>
/// <typeparam name="TTransformer">The transformer type produced by <see cref="Fit"/>.</typeparam>
public interface IEstimator<out TTransformer> where TTransformer : ITransformer
{
    /// <summary>Learns from the training data.</summary>
    /// <param name="input">Training data.</param>
    TTransformer Fit(DataView input);
}
