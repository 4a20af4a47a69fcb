using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms;

/// <summary>Keras' channel shift: one value in [-r, r] (pixel units, 0-255) added to every pixel of a channel, per image and channel.</summary>
internal sealed class ChannelShiftAugmenter : IBatchAugmenter
{
    private readonly double _range;

    public ChannelShiftAugmenter(double range)
    {
        RandomAffineOptions.Check(range is >= 0 and <= 255, nameof(range), "must lie in [0, 255] (pixel units)");
        _range = range / 255;
    }

    public bool MixesTargets => false;

    public void AddTo(AugmentationPlan plan, ImageShape shape, int rows, Random random)
    {
        var shifts = new float[rows * shape.Channels];
        for (var i = 0; i < shifts.Length; i++) shifts[i] = (float)random.Uniform(-_range, _range);
        plan.AddChannelShift(shifts, rows, shape.Channels);
    }
}
