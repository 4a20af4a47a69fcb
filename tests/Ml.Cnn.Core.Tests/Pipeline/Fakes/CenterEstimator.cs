namespace Ml.Cnn.Core.Tests.Pipeline.Fakes;

/// <summary>Learns the mean of a float column, so what it learns shows which data it was fitted on.</summary>
internal sealed class CenterEstimator(string column) : IEstimator<CenterTransformer>
{
    public CenterTransformer Fit(DataView input) =>
        new(column, input.GetColumn<ScalarColumn<float>>(column).Values.Average());
}
