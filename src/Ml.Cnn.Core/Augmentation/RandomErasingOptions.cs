using Ml.Cnn.Augmentation;

namespace Ml.Cnn;

/// <summary>
/// torchvision's RandomErasing (cutout): with a probability, a box of area fraction in [MinArea, MaxArea] and aspect ratio
/// in [MinRatio, MaxRatio] (log-uniform) is filled with a value; up to 10 draws, else nothing is erased.
/// </summary>
public sealed record RandomErasingOptions : AugmentationOptions
{
    /// <summary>Probability per image.</summary>
    /// <value>Default 0.5.</value>
    public double Probability { get; init; } = 0.5;

    /// <summary>Smallest erased area fraction.</summary>
    /// <value>Default 0.02.</value>
    public double MinArea { get; init; } = 0.02;

    /// <summary>Largest erased area fraction.</summary>
    /// <value>Default 0.33.</value>
    public double MaxArea { get; init; } = 0.33;

    /// <summary>Smallest aspect ratio (height / width).</summary>
    /// <value>Default 0.3.</value>
    public double MinRatio { get; init; } = 0.3;

    /// <summary>Largest aspect ratio.</summary>
    /// <value>Default 3.3.</value>
    public double MaxRatio { get; init; } = 3.3;

    /// <summary>The fill value in [0, 1] (pixels / 255).</summary>
    /// <value>Default 0.</value>
    public float Value { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        Check(Probability is >= 0 and <= 1, Probability, nameof(Probability), "is a probability in [0, 1]");
        Check(MinArea > 0 && MinArea <= MaxArea, MinArea, nameof(MinArea), $"must satisfy 0 < MinArea <= MaxArea ({MaxArea})");
        Check(MaxArea <= 1, MaxArea, nameof(MaxArea), "must be at most 1");
        Check(MinRatio > 0 && MinRatio <= MaxRatio, MinRatio, nameof(MinRatio), $"must satisfy 0 < MinRatio <= MaxRatio ({MaxRatio})");
        Check(double.IsFinite(MaxRatio), MaxRatio, nameof(MaxRatio), "must be finite");
        Check(Value is >= 0 and <= 1, Value, nameof(Value), "must lie in [0, 1]");
    }

    internal override IBatchAugmenter Create() => new RandomErasingAugmenter(this);
}
