using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms;

/// <summary>
/// torchvision's ColorJitter: brightness, contrast and saturation factors drawn in [1 - x, 1 + x] and a hue shift in
/// [-h, h] turns, per image. Saturation and hue need color images.
/// </summary>
internal sealed class ColorJitterAugmenter : IBatchAugmenter
{
    private readonly double _brightness;
    private readonly double _contrast;
    private readonly double _saturation;
    private readonly double _hue;

    public ColorJitterAugmenter(double brightness, double contrast, double saturation, double hue)
    {
        RandomAffineOptions.Check(brightness is >= 0 and <= 1, nameof(brightness), "must lie in [0, 1]");
        RandomAffineOptions.Check(contrast is >= 0 and <= 1, nameof(contrast), "must lie in [0, 1]");
        RandomAffineOptions.Check(saturation is >= 0 and <= 1, nameof(saturation), "must lie in [0, 1]");
        RandomAffineOptions.Check(hue is >= 0 and <= 0.5, nameof(hue), "must lie in [0, 0.5]");
        (_brightness, _contrast, _saturation, _hue) = (brightness, contrast, saturation, hue);
    }

    public bool MixesTargets => false;

    public void AddTo(AugmentationPlan plan, ImageShape shape, int rows, Random random)
    {
        if ((_saturation > 0 || _hue > 0) && shape.Channels < 3)
            throw new ArgumentException($"Saturation and hue jitter need color images; these are {shape} (use ColorMode Rgb, or only brightness and contrast).");
        var factors = new float[rows * 4];
        for (var i = 0; i < rows; i++)
        {
            factors[i * 4] = (float)random.Uniform(1 - _brightness, 1 + _brightness);
            factors[i * 4 + 1] = (float)random.Uniform(1 - _contrast, 1 + _contrast);
            factors[i * 4 + 2] = (float)random.Uniform(1 - _saturation, 1 + _saturation);
            factors[i * 4 + 3] = (float)random.Uniform(-_hue, _hue);
        }
        plan.AddColor(factors, rows);
    }
}
