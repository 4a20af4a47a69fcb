namespace Ml.Cnn.Core.Tests.Pipeline.Fakes;

/// <summary>A trivial estimator (nothing to learn) that records the data it was fitted on.</summary>
internal sealed class ScaleEstimator(string column, float factor) : IEstimator<ScaleTransformer>
{
    public List<DataView> FittedOn { get; } = [];

    public ScaleTransformer Fit(DataView input)
    {
        FittedOn.Add(input);
        return new ScaleTransformer(column, factor);
    }
}
