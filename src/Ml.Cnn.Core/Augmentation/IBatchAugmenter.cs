using Ml.Cnn.Engine;

namespace Ml.Cnn;

/// <summary>
/// The batch-transform contract through which trainers meet augmentations: an augmentation transform annotates the image
/// column (<c>AugmentationAnnotation</c>), the trainer makes the augmenters from it and calls <see cref="AddTo"/> for every
/// training batch, and nothing else reads it, so at inference augmentation is the identity.
/// </summary>
public interface IBatchAugmenter
{
    /// <summary>True when the augmenter mixes images (mixup, cutmix): targets must then be soft, one column per class.</summary>
    bool MixesTargets { get; }

    /// <summary>Appends this augmenter's ops for one batch, drawing each image's parameters from <paramref name="random"/>.</summary>
    /// <param name="plan">The batch's plan.</param>
    /// <param name="shape">The image shape.</param>
    /// <param name="rows">Images in the batch.</param>
    /// <param name="random">The trainer's seeded generator (same seed, same augmented batches).</param>
    void AddTo(AugmentationPlan plan, ImageShape shape, int rows, Random random);
}
