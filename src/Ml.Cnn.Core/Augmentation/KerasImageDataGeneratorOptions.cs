using Ml.Cnn.Engine;

namespace Ml.Cnn;

/// <summary>
/// The preset mirroring Keras' ImageDataGenerator arguments (rotation_range, width_shift_range, height_shift_range,
/// shear_range, zoom_range, horizontal_flip, vertical_flip, brightness_range as a ±fraction, channel_shift_range,
/// fill_mode, cval): one affine step, then brightness and channel shift when asked (<see cref="ToAugmentations"/>).
/// </summary>
public sealed record KerasImageDataGeneratorOptions
{
    /// <summary>Rotation range in degrees.</summary>
    /// <value>Default 0.</value>
    public double RotationRange { get; init; }

    /// <summary>Width shift: a fraction of the width (or pixels when &gt;= 1).</summary>
    /// <value>Default 0.</value>
    public double WidthShiftRange { get; init; }

    /// <summary>Height shift: a fraction of the height (or pixels when &gt;= 1).</summary>
    /// <value>Default 0.</value>
    public double HeightShiftRange { get; init; }

    /// <summary>Shear range in degrees.</summary>
    /// <value>Default 0.</value>
    public double ShearRange { get; init; }

    /// <summary>Zoom in [1 - z, 1 + z].</summary>
    /// <value>Default 0.</value>
    public double ZoomRange { get; init; }

    /// <summary>Flip half of the images horizontally.</summary>
    /// <value>Default false.</value>
    public bool HorizontalFlip { get; init; }

    /// <summary>Flip half of the images vertically.</summary>
    /// <value>Default false.</value>
    public bool VerticalFlip { get; init; }

    /// <summary>Brightness factor in [1 - b, 1 + b].</summary>
    /// <value>Default 0 (off).</value>
    public double BrightnessRange { get; init; }

    /// <summary>Channel shift range in pixel units.</summary>
    /// <value>Default 0 (off).</value>
    public double ChannelShiftRange { get; init; }

    /// <summary>How points outside the image are filled.</summary>
    /// <value>Default <see cref="FillMode.Nearest"/> (Keras' default).</value>
    public FillMode FillMode { get; init; } = FillMode.Nearest;

    /// <summary>The constant fill value in [0, 1].</summary>
    /// <value>Default 0.</value>
    public float Cval { get; init; }

    /// <summary>The augmentations of the preset, in order: the affine step, then color jitter and channel shift when their ranges are set.</summary>
    /// <exception cref="ArgumentException">A setting is invalid (the message names the setting of the augmentation it feeds).</exception>
    public IReadOnlyList<AugmentationOptions> ToAugmentations()
    {
        var steps = new List<AugmentationOptions>
        {
            new RandomAffineOptions
            {
                RotationDegrees = RotationRange, WidthShift = WidthShiftRange, HeightShift = HeightShiftRange, ShearDegrees = ShearRange,
                Zoom = ZoomRange, HorizontalFlip = HorizontalFlip ? 0.5 : 0, VerticalFlip = VerticalFlip ? 0.5 : 0, Fill = FillMode, FillValue = Cval,
            },
        };
        if (BrightnessRange > 0) steps.Add(new ColorJitterOptions { Brightness = BrightnessRange });
        if (ChannelShiftRange > 0) steps.Add(new ChannelShiftOptions { Range = ChannelShiftRange });
        foreach (var step in steps) step.Validate();
        return steps;
    }
}
