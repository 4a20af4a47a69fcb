namespace Ml.Cnn.Core.Tests.Pipeline.Fakes;

/// <summary>Multiplies a float column by a fixed factor.</summary>
internal sealed class ScaleTransformer(string column, float factor) : ITransformer
{
    public float Factor { get; } = factor;

    public DataView Transform(DataView input)
    {
        var values = input.GetColumn<ScalarColumn<float>>(column).Values.Select(v => v * Factor).ToArray();
        return input.WithColumn(new ScalarColumn<float>(column, values));
    }
}
