using Microsoft.ML;
using Ml.Cnn.Transforms;

namespace Ml.Cnn;

/// <summary>
/// Training-time image augmentations on ML.NET's <see cref="TransformsCatalog"/>: <c>mlContext.Transforms.RandomAffine("Image", ...)</c>.
/// Append them after the image column is made (e.g. <c>LoadRawImageBytes</c>) and before the CNN trainer; they act only while
/// the CNN trainer fits (per-image parameters from its seeded generator, applied batched on the training device, after pixel
/// scaling and before normalization, in pipeline order) and are the identity at Transform, in PredictionEngine and in a
/// loaded model. A transform that replaces the image column after them drops them (it makes a new column).
/// </summary>
public static class AugmentationCatalogExtensions
{
    /// <summary>Rotation, shifts, shear, zoom and flips drawn per image (see <see cref="RandomAffineOptions"/>).</summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="imageColumnName">The image column (the CNN trainer's).</param>
    /// <param name="options">The ranges, fill mode and interpolation.</param>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public static ImageAugmentingEstimator RandomAffine(this TransformsCatalog catalog, string imageColumnName, RandomAffineOptions options) =>
        catalog.Augment(imageColumnName, options);

    /// <summary>Horizontal and/or vertical flips, each with its probability (a <see cref="RandomAffineOptions"/> of flips only).</summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="imageColumnName">The image column (the CNN trainer's).</param>
    /// <param name="horizontal">Probability of a horizontal flip.</param>
    /// <param name="vertical">Probability of a vertical flip.</param>
    /// <exception cref="ArgumentException">A probability is outside [0, 1].</exception>
    public static ImageAugmentingEstimator RandomFlip(this TransformsCatalog catalog, string imageColumnName, double horizontal = 0.5, double vertical = 0) =>
        catalog.Augment(imageColumnName, new RandomAffineOptions { HorizontalFlip = horizontal, VerticalFlip = vertical });

    /// <summary>Brightness, contrast, saturation and hue jitter, as torchvision (see <see cref="ColorJitterOptions"/>).</summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="imageColumnName">The image column (the CNN trainer's).</param>
    /// <param name="options">The jitter ranges.</param>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public static ImageAugmentingEstimator ColorJitter(this TransformsCatalog catalog, string imageColumnName, ColorJitterOptions options) =>
        catalog.Augment(imageColumnName, options);

    /// <summary>Keras' channel shift: a value in [-range, range] (pixel units) added per image and channel.</summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="imageColumnName">The image column (the CNN trainer's).</param>
    /// <param name="range">The range in [0, 255].</param>
    /// <exception cref="ArgumentException">The range is outside [0, 255].</exception>
    public static ImageAugmentingEstimator RandomChannelShift(this TransformsCatalog catalog, string imageColumnName, double range) =>
        catalog.Augment(imageColumnName, new ChannelShiftOptions { Range = range });

    /// <summary>Random erasing (cutout), as torchvision's RandomErasing (see <see cref="RandomErasingOptions"/>).</summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="imageColumnName">The image column (the CNN trainer's).</param>
    /// <param name="options">The settings; null uses the defaults.</param>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public static ImageAugmentingEstimator RandomErasing(this TransformsCatalog catalog, string imageColumnName, RandomErasingOptions? options = null) =>
        catalog.Augment(imageColumnName, options ?? new RandomErasingOptions());

    /// <summary>A random crop resampled to the full image size, as torchvision's RandomResizedCrop (see <see cref="RandomResizedCropOptions"/>).</summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="imageColumnName">The image column (the CNN trainer's).</param>
    /// <param name="options">The settings; null uses the defaults.</param>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public static ImageAugmentingEstimator RandomResizedCrop(this TransformsCatalog catalog, string imageColumnName, RandomResizedCropOptions? options = null) =>
        catalog.Augment(imageColumnName, options ?? new RandomResizedCropOptions());

    /// <summary>
    /// Mixup (see <see cref="MixupOptions"/>): images blend with a partner of the batch and the labels become soft, so the
    /// trainer's loss must take soft labels (a hinge loss is refused at Fit).
    /// </summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="imageColumnName">The image column (the CNN trainer's).</param>
    /// <param name="options">The settings; null uses the defaults.</param>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public static ImageAugmentingEstimator Mixup(this TransformsCatalog catalog, string imageColumnName, MixupOptions? options = null) =>
        catalog.Augment(imageColumnName, options ?? new MixupOptions());

    /// <summary>
    /// CutMix (see <see cref="CutMixOptions"/>): a box pasted from a partner image of the batch, labels mixed by area, so the
    /// trainer's loss must take soft labels (a hinge loss is refused at Fit).
    /// </summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="imageColumnName">The image column (the CNN trainer's).</param>
    /// <param name="options">The settings; null uses the defaults.</param>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public static ImageAugmentingEstimator CutMix(this TransformsCatalog catalog, string imageColumnName, CutMixOptions? options = null) =>
        catalog.Augment(imageColumnName, options ?? new CutMixOptions());

    /// <summary>The preset mirroring Keras' ImageDataGenerator arguments (see <see cref="KerasImageDataGeneratorOptions"/>), as one step.</summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="imageColumnName">The image column (the CNN trainer's).</param>
    /// <param name="options">Keras' arguments.</param>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public static ImageAugmentingEstimator KerasImageDataGenerator(this TransformsCatalog catalog, string imageColumnName, KerasImageDataGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return catalog.Augment(imageColumnName, [.. options.ToAugmentations()]);
    }

    /// <summary>Any augmentations as one step, applied in the order given (e.g. built from settings read elsewhere).</summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="imageColumnName">The image column (the CNN trainer's).</param>
    /// <param name="augmentations">The augmentations, first applied first; at least one.</param>
    /// <exception cref="ArgumentException">There is none, or a setting is invalid (the message names it).</exception>
    public static ImageAugmentingEstimator Augment(this TransformsCatalog catalog, string imageColumnName, params AugmentationOptions[] augmentations)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ImageAugmentingEstimator(imageColumnName, augmentations);
    }
}
