using Ml.Cnn.Legacy;
using Ml.Cnn.Transforms;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Legacy;

/// <summary>
/// Augmentation estimators on the context's transforms catalog. Each is active only while training (applied batched on the
/// training device with per-image parameters from the trainer's seeded generator) and the identity at inference; append
/// them in any order before the trainer: <c>context.Transforms.RandomAffine(...).Append(context.Transforms.Mixup(0.2)).Append(trainer)</c>.
/// </summary>
public static class TransformsCatalogAugmentationExtensions
{
    /// <summary>Rotation, shifts, shear, zoom and flips drawn per image (see <see cref="RandomAffineOptions"/>).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The ranges, fill mode and interpolation.</param>
    public static AugmentationEstimator RandomAffine(this TransformsCatalog catalog, RandomAffineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AugmentationEstimator(options.CreateAugmenter());
    }

    /// <summary>Horizontal and/or vertical flips, each with its probability.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="horizontal">Probability of a horizontal flip. Default 0.5.</param>
    /// <param name="vertical">Probability of a vertical flip. Default 0.</param>
    public static AugmentationEstimator RandomFlip(this TransformsCatalog catalog, double horizontal = 0.5, double vertical = 0) =>
        catalog.RandomAffine(new RandomAffineOptions { HorizontalFlip = horizontal, VerticalFlip = vertical });

    /// <summary>Brightness, contrast, saturation (factors in [1 - x, 1 + x]) and hue (shift in [-h, h] turns), as torchvision.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="brightness">Brightness jitter in [0, 1]. Default 0.</param>
    /// <param name="contrast">Contrast jitter in [0, 1]. Default 0.</param>
    /// <param name="saturation">Saturation jitter in [0, 1] (color images). Default 0.</param>
    /// <param name="hue">Hue jitter in [0, 0.5] (color images). Default 0.</param>
    public static AugmentationEstimator ColorJitter(this TransformsCatalog catalog, double brightness = 0, double contrast = 0,
        double saturation = 0, double hue = 0) =>
        new(new ColorJitterOptions { Brightness = brightness, Contrast = contrast, Saturation = saturation, Hue = hue }.CreateAugmenter());

    /// <summary>Keras' channel shift: a value in [-range, range] (pixel units) added per image and channel.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="range">The range in [0, 255].</param>
    public static AugmentationEstimator RandomChannelShift(this TransformsCatalog catalog, double range) => new(new ChannelShiftOptions { Range = range }.CreateAugmenter());

    /// <summary>Random erasing (cutout), as torchvision's RandomErasing.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="probability">Probability per image. Default 0.5.</param>
    /// <param name="minArea">Smallest erased area fraction. Default 0.02.</param>
    /// <param name="maxArea">Largest erased area fraction. Default 0.33.</param>
    /// <param name="minRatio">Smallest aspect ratio. Default 0.3.</param>
    /// <param name="maxRatio">Largest aspect ratio. Default 3.3.</param>
    /// <param name="value">Fill value in [0, 1]. Default 0.</param>
    public static AugmentationEstimator RandomErasing(this TransformsCatalog catalog, double probability = 0.5, double minArea = 0.02,
        double maxArea = 0.33, double minRatio = 0.3, double maxRatio = 3.3, float value = 0) =>
        new(new RandomErasingOptions
        {
            Probability = probability, MinArea = minArea, MaxArea = maxArea, MinRatio = minRatio, MaxRatio = maxRatio, Value = value,
        }.CreateAugmenter());

    /// <summary>A random crop resampled to the full image size, as torchvision's RandomResizedCrop.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="minScale">Smallest area fraction. Default 0.08.</param>
    /// <param name="maxScale">Largest area fraction. Default 1.</param>
    /// <param name="minRatio">Smallest aspect ratio. Default 3/4.</param>
    /// <param name="maxRatio">Largest aspect ratio. Default 4/3.</param>
    /// <param name="interpolation">Resampling. Default bilinear.</param>
    public static AugmentationEstimator RandomResizedCrop(this TransformsCatalog catalog, double minScale = 0.08, double maxScale = 1,
        double minRatio = 3.0 / 4, double maxRatio = 4.0 / 3, Interpolation interpolation = Interpolation.Bilinear) =>
        new(new RandomResizedCropOptions
        {
            MinScale = minScale, MaxScale = maxScale, MinRatio = minRatio, MaxRatio = maxRatio, Interpolation = interpolation,
        }.CreateAugmenter());

    /// <summary>Mixup: each image blended with a partner of the batch by lambda ~ Beta(alpha, alpha); soft labels mix alike.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="alpha">The Beta parameter, > 0 (0.2 is common). </param>
    /// <param name="probability">Probability per image. Default 1.</param>
    public static AugmentationEstimator Mixup(this TransformsCatalog catalog, double alpha = 0.2, double probability = 1) =>
        new(new MixupOptions { Alpha = alpha, Probability = probability }.CreateAugmenter());

    /// <summary>CutMix: a box of area (1 - lambda) pasted from a partner image, lambda ~ Beta(alpha, alpha); labels mix by area.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="alpha">The Beta parameter, > 0. Default 1.</param>
    /// <param name="probability">Probability per image. Default 1.</param>
    public static AugmentationEstimator Cutmix(this TransformsCatalog catalog, double alpha = 1, double probability = 1) =>
        new(new CutMixOptions { Alpha = alpha, Probability = probability }.CreateAugmenter());

    /// <summary>
    /// The preset mirroring Keras' ImageDataGenerator arguments (rotation_range, width_shift_range, height_shift_range,
    /// shear_range, zoom_range, horizontal_flip, vertical_flip, brightness_range as a +-fraction, channel_shift_range,
    /// fill_mode, cval): one affine step, then brightness and channel shift when asked.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="rotationRange">Degrees.</param>
    /// <param name="widthShiftRange">Fraction of the width (or pixels when >= 1).</param>
    /// <param name="heightShiftRange">Fraction of the height (or pixels when >= 1).</param>
    /// <param name="shearRange">Degrees.</param>
    /// <param name="zoomRange">Zoom in [1 - z, 1 + z].</param>
    /// <param name="horizontalFlip">Flip half of the images horizontally.</param>
    /// <param name="verticalFlip">Flip half of the images vertically.</param>
    /// <param name="brightnessRange">Brightness factor in [1 - b, 1 + b].</param>
    /// <param name="channelShiftRange">Pixel units.</param>
    /// <param name="fillMode">Fill mode. Default nearest (Keras' default).</param>
    /// <param name="cval">Constant fill value in [0, 1].</param>
    public static IEstimator<ITransformer> KerasImageDataGenerator(this TransformsCatalog catalog, double rotationRange = 0,
        double widthShiftRange = 0, double heightShiftRange = 0, double shearRange = 0, double zoomRange = 0, bool horizontalFlip = false,
        bool verticalFlip = false, double brightnessRange = 0, double channelShiftRange = 0, FillMode fillMode = FillMode.Nearest,
        float cval = 0)
    {
        var steps = new KerasImageDataGeneratorOptions
        {
            RotationRange = rotationRange, WidthShiftRange = widthShiftRange, HeightShiftRange = heightShiftRange, ShearRange = shearRange,
            ZoomRange = zoomRange, HorizontalFlip = horizontalFlip, VerticalFlip = verticalFlip, BrightnessRange = brightnessRange,
            ChannelShiftRange = channelShiftRange, FillMode = fillMode, Cval = cval,
        }.ToAugmentations();
        IEstimator<ITransformer> chain = new AugmentationEstimator(steps[0].CreateAugmenter());
        foreach (var step in steps.Skip(1)) chain = chain.Append(new AugmentationEstimator(step.CreateAugmenter()));
        return chain;
    }
}
