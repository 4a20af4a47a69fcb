using Ml.Cnn.Legacy;
namespace Ml.Cnn.Legacy;

/// <summary>Transformers applied one after another.</summary>
public sealed class TransformerChain : ITransformer
{
    /// <summary>Creates a chain.</summary>
    /// <param name="transformers">The transformers, in order.</param>
    public TransformerChain(IEnumerable<ITransformer> transformers) => Transformers = transformers.ToArray();

    /// <summary>The transformers, in order.</summary>
    public IReadOnlyList<ITransformer> Transformers { get; }

    /// <inheritdoc />
    public DataView Transform(DataView input) => Transformers.Aggregate(input, (view, t) => t.Transform(view));
}
