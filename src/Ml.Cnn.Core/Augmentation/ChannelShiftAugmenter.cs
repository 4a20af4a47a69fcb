using Ml.Cnn.Engine;

namespace Ml.Cnn.Augmentation;

/// <summary>Keras' channel shift: one value in [-r, r] (pixel units, 0-255) added to every pixel of a channel, per image and channel.</summary>
internal sealed class ChannelShiftAugmenter(ChannelShiftOptions options) : IBatchAugmenter
{
    private readonly double _range = options.Range / 255;

    public bool MixesTargets => false;

    public void AddTo(AugmentationPlan plan, ImageShape shape, int rows, Random random)
    {
        var shifts = new float[rows * shape.Channels];
        for (var i = 0; i < shifts.Length; i++) shifts[i] = (float)random.Uniform(-_range, _range);
        plan.AddChannelShift(shifts, rows, shape.Channels);
    }
}
