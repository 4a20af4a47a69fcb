using Ml.Cnn.Augmentation;

namespace Ml.Cnn;

/// <summary>Keras' channel shift: one value in [-range, range] (pixel units, 0-255) added to every pixel of a channel, per image and channel.</summary>
public sealed record ChannelShiftOptions : AugmentationOptions
{
    /// <summary>The range in [0, 255] (pixel units).</summary>
    /// <value>Default 0 (off).</value>
    public double Range { get; init; }

    /// <inheritdoc />
    public override void Validate() => Check(Range is >= 0 and <= 255, Range, nameof(Range), "must lie in [0, 255] (pixel units)");

    internal override IBatchAugmenter Create() => new ChannelShiftAugmenter(this);
}
