using Ml.Cnn.Legacy;
namespace Ml.Cnn.Transforms;

/// <summary>
/// An augmentation step of a pipeline (an estimator): nothing is learned at Fit; the transformer attaches its augmenter to
/// the data, the trainer applies it to every training batch on the training device, and at inference it is the identity.
/// </summary>
public sealed class AugmentationEstimator : IEstimator<AugmentationTransformer>
{
    private readonly IBatchAugmenter _augmenter;

    internal AugmentationEstimator(IBatchAugmenter augmenter) => _augmenter = augmenter;

    /// <summary>The augmenter this step attaches.</summary>
    public IBatchAugmenter Augmenter => _augmenter;

    /// <inheritdoc />
    public AugmentationTransformer Fit(DataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new AugmentationTransformer(_augmenter);
    }
}
