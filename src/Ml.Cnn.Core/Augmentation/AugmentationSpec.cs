namespace Ml.Cnn.Augmentation;

/// <summary>The versioned document that <see cref="AugmentationAnnotation"/> writes: the augmentations of an image column, in the order they apply.</summary>
/// <param name="Version">The format version (<see cref="AugmentationAnnotation.FormatVersion"/>).</param>
/// <param name="Augmentations">The augmentations, first applied first.</param>
internal sealed record AugmentationSpec(int Version, IReadOnlyList<AugmentationOptions> Augmentations);
