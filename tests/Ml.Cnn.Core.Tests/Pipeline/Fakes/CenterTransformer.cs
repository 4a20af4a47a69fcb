namespace Ml.Cnn.Core.Tests.Pipeline.Fakes;

/// <summary>Subtracts a learned mean from a float column.</summary>
internal sealed class CenterTransformer(string column, float mean) : ITransformer
{
    public float Mean { get; } = mean;

    public DataView Transform(DataView input)
    {
        var values = input.GetColumn<ScalarColumn<float>>(column).Values.Select(v => v - Mean).ToArray();
        return input.WithColumn(new ScalarColumn<float>(column, values));
    }
}
