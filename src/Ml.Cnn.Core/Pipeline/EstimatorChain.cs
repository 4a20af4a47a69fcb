using Ml.Cnn.Legacy;
namespace Ml.Cnn.Legacy;

/// <summary>Estimators fitted one after another: each is fitted on the output of the previous transformers.</summary>
public sealed class EstimatorChain : IEstimator<TransformerChain>
{
    private readonly IReadOnlyList<IEstimator<ITransformer>> _estimators;

    /// <summary>Creates a chain.</summary>
    /// <param name="estimators">The estimators, in order.</param>
    public EstimatorChain(IEnumerable<IEstimator<ITransformer>> estimators) => _estimators = estimators.ToArray();

    /// <summary>A new chain with one more estimator at the end.</summary>
    /// <param name="next">The estimator to append.</param>
    public EstimatorChain Append(IEstimator<ITransformer> next) => new(_estimators.Append(next));

    /// <inheritdoc />
    public TransformerChain Fit(DataView input)
    {
        var fitted = new List<ITransformer>();
        var view = input;
        foreach (var estimator in _estimators)
        {
            var transformer = estimator.Fit(view);
            fitted.Add(transformer);
            view = transformer.Transform(view);
        }
        return new TransformerChain(fitted);
    }
}
