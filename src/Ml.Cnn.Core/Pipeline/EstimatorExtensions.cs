using Ml.Cnn.Legacy;
namespace Ml.Cnn.Legacy;

/// <summary>ML.NET's <c>Append</c>: builds estimator chains fluently.</summary>
public static class EstimatorExtensions
{
    /// <summary>Chains two estimators.</summary>
    /// <param name="first">The first estimator.</param>
    /// <param name="next">The estimator fitted on the output of the first.</param>
    public static EstimatorChain Append(this IEstimator<ITransformer> first, IEstimator<ITransformer> next) =>
        new([first, next]);
}
