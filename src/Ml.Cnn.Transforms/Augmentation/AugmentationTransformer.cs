using Ml.Cnn.Legacy;
namespace Ml.Cnn.Transforms;

/// <summary>Attaches an augmenter to the data (<see cref="DataView.Augmenters"/>); the columns pass through unchanged.</summary>
public sealed class AugmentationTransformer : ITransformer
{
    internal AugmentationTransformer(IBatchAugmenter augmenter) => Augmenter = augmenter;

    /// <summary>The augmenter attached to the data.</summary>
    public IBatchAugmenter Augmenter { get; }

    /// <inheritdoc />
    public DataView Transform(DataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.WithAugmenter(Augmenter);
    }
}
