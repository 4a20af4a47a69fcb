using System.CommandLine;
using Microsoft.ML;
using System.Globalization;
using Ml.Cnn.Engine;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli;

/// <summary>The image-source, augmentation, class-balancing and preview flags of <c>mlcnn train</c>.</summary>
internal sealed class ImageOptions
{
    public Option<string?> ImageSize { get; } = new("--image-size") { Description = "Resize images to WxH, e.g. 64x64 (default: the first image's size)." };

    public Option<string> ColorMode { get; } = new("--color-mode") { Description = "gray, rgb or rgba (image files).", DefaultValueFactory = _ => "rgb" };

    public Option<bool> SkipUnreadable { get; } = new("--skip-unreadable") { Description = "Skip unreadable image files and report how many." };

    public Option<double> TestFraction { get; } = new("--test-fraction") { Description = "With one image tree or table: the stratified share held out for the test metrics.", DefaultValueFactory = _ => 0.2 };

    public Option<double> Rotation { get; } = new("--rotation") { Description = "Augmentation: rotation range in degrees.", DefaultValueFactory = _ => 0 };

    public Option<double> Shift { get; } = new("--shift") { Description = "Augmentation: width and height shift (fraction, or pixels when >= 1).", DefaultValueFactory = _ => 0 };

    public Option<double> Zoom { get; } = new("--zoom") { Description = "Augmentation: zoom range (factors in [1-z, 1+z]).", DefaultValueFactory = _ => 0 };

    public Option<double> Shear { get; } = new("--shear") { Description = "Augmentation: shear range in degrees.", DefaultValueFactory = _ => 0 };

    public Option<string?> Flip { get; } = new("--flip") { Description = "Augmentation: horizontal, vertical or both (each with probability 0.5)." };

    public Option<string> FillMode { get; } = new("--fill-mode") { Description = "constant, nearest, reflect or wrap.", DefaultValueFactory = _ => "nearest" };

    public Option<double> Brightness { get; } = new("--brightness") { Description = "Augmentation: brightness factor in [1-x, 1+x].", DefaultValueFactory = _ => 0 };

    public Option<double> Contrast { get; } = new("--contrast") { Description = "Augmentation: contrast factor in [1-x, 1+x].", DefaultValueFactory = _ => 0 };

    public Option<double> Erasing { get; } = new("--erasing") { Description = "Augmentation: random-erasing probability.", DefaultValueFactory = _ => 0 };

    public Option<double> Mixup { get; } = new("--mixup") { Description = "Augmentation: mixup alpha (0: off).", DefaultValueFactory = _ => 0 };

    public Option<double> Cutmix { get; } = new("--cutmix") { Description = "Augmentation: cutmix alpha (0: off).", DefaultValueFactory = _ => 0 };

    public Option<string?> ClassWeights { get; } = new("--class-weights") { Description = "balanced, sqrt or effective:BETA: a weight column computed from the training labels." };

    public Option<bool> BalancedSampler { get; } = new("--balanced-sampler") { Description = "Oversample minority classes each epoch." };

    public Option<string?> Preview { get; } = new("--preview") { Description = "Write a PNG grid of 16 augmented training images." };

    /// <summary>Creates the flags and their range checks.</summary>
    public ImageOptions() => FlagErrors.Fraction(TestFraction, 0, minIncluded: false);

    public IEnumerable<Option> All =>
    [
        ImageSize, ColorMode, SkipUnreadable, TestFraction, Rotation, Shift, Zoom, Shear, Flip, FillMode, Brightness, Contrast, Erasing,
        Mixup, Cutmix, ClassWeights, BalancedSampler, Preview,
    ];

    /// <summary>How image files are read: --skip-unreadable.</summary>
    public ImageLoadOptions Loading(ParseResult r) => new() { SkipUnreadable = r.GetValue(SkipUnreadable) };

    /// <summary>How image files are decoded for training: --color-mode and --image-size (the first image's size without it).</summary>
    public void ApplyDecoding(ParseResult r, CnnTrainerOptions options)
    {
        options.ColorMode = r.GetValue(ColorMode)!.ToLowerInvariant() switch
        {
            "gray" => Engine.ColorMode.Gray,
            "rgb" => Engine.ColorMode.Rgb,
            "rgba" => Engine.ColorMode.Rgba,
            var other => throw new UsageException($"--color-mode must be gray, rgb or rgba (got '{other}')."),
        };
        if (r.GetValue(ImageSize) is not { } size) return;
        var parts = size.ToLowerInvariant().Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h) || w < 1 || h < 1)
            throw new UsageException($"--image-size must be WxH with positive integers, e.g. 64x64 (got '{size}').");
        (options.ImageWidth, options.ImageHeight) = (w, h);
    }

    /// <summary>The augmentation transforms the flags ask for, on the image column, in a fixed order: geometry, color, erasing, mixing.</summary>
    public IReadOnlyList<IEstimator<ITransformer>> Augmentations(ParseResult r, TransformsCatalog catalog, string imageColumn)
    {
        var steps = new List<IEstimator<ITransformer>>();
        var flip = r.GetValue(Flip)?.ToLowerInvariant();
        if (flip is not (null or "horizontal" or "vertical" or "both"))
            throw new UsageException($"--flip must be horizontal, vertical or both (got '{flip}').");
        var affine = new RandomAffineOptions
        {
            RotationDegrees = r.GetValue(Rotation), WidthShift = r.GetValue(Shift), HeightShift = r.GetValue(Shift), Zoom = r.GetValue(Zoom),
            ShearDegrees = r.GetValue(Shear), HorizontalFlip = flip is "horizontal" or "both" ? 0.5 : 0, VerticalFlip = flip is "vertical" or "both" ? 0.5 : 0,
            Fill = r.GetValue(FillMode)!.ToLowerInvariant() switch
            {
                "constant" => Engine.FillMode.Constant,
                "nearest" => Engine.FillMode.Nearest,
                "reflect" => Engine.FillMode.Reflect,
                "wrap" => Engine.FillMode.Wrap,
                var other => throw new UsageException($"--fill-mode must be constant, nearest, reflect or wrap (got '{other}')."),
            },
        };
        if (affine.RotationDegrees > 0 || affine.WidthShift > 0 || affine.Zoom > 0 || affine.ShearDegrees > 0 || flip is not null)
            steps.Add(catalog.RandomAffine(imageColumn, affine));
        if (r.GetValue(Brightness) > 0 || r.GetValue(Contrast) > 0)
            steps.Add(catalog.ColorJitter(imageColumn, new ColorJitterOptions { Brightness = r.GetValue(Brightness), Contrast = r.GetValue(Contrast) }));
        if (r.GetValue(Erasing) > 0) steps.Add(catalog.RandomErasing(imageColumn, new RandomErasingOptions { Probability = r.GetValue(Erasing) }));
        if (r.GetValue(Mixup) > 0) steps.Add(catalog.Mixup(imageColumn, new MixupOptions { Alpha = r.GetValue(Mixup) }));
        if (r.GetValue(Cutmix) > 0) steps.Add(catalog.CutMix(imageColumn, new CutMixOptions { Alpha = r.GetValue(Cutmix) }));
        return steps;
    }

    /// <summary>The class-weight transform of --class-weights (adding the <c>Weight</c> column), or null.</summary>
    public IEstimator<ITransformer>? Weights(ParseResult r, TransformsCatalog catalog)
    {
        if (r.GetValue(ClassWeights) is not { } text) return null;
        var lower = text.ToLowerInvariant();
        var options = new ClassWeightsOptions();
        if (lower == "balanced") options.Method = ClassWeightingMethod.Balanced;
        else if (lower == "sqrt") options.Method = ClassWeightingMethod.BalancedSqrt;
        else if (lower.StartsWith("effective:", StringComparison.Ordinal) &&
                 double.TryParse(lower["effective:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var beta))
            (options.Method, options.Beta) = (ClassWeightingMethod.EffectiveNumber, beta);
        else throw new UsageException($"--class-weights must be balanced, sqrt or effective:BETA (got '{text}').");
        return catalog.ClassWeights(options);
    }
}
