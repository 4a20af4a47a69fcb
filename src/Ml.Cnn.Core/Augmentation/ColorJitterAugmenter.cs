using Ml.Cnn.Engine;

namespace Ml.Cnn.Augmentation;

/// <summary>
/// torchvision's ColorJitter: brightness, contrast and saturation factors drawn in [1 - x, 1 + x] and a hue shift in
/// [-h, h] turns, per image. Saturation and hue need color images.
/// </summary>
internal sealed class ColorJitterAugmenter(ColorJitterOptions o) : IBatchAugmenter
{
    public bool MixesTargets => false;

    public void AddTo(AugmentationPlan plan, ImageShape shape, int rows, Random random)
    {
        if ((o.Saturation > 0 || o.Hue > 0) && shape.Channels < 3)
            throw new ArgumentException($"Saturation and hue jitter need color images; these are {shape} (use ColorMode Rgb, or only brightness and contrast).");
        var factors = new float[rows * 4];
        for (var i = 0; i < rows; i++)
        {
            factors[i * 4] = (float)random.Uniform(1 - o.Brightness, 1 + o.Brightness);
            factors[i * 4 + 1] = (float)random.Uniform(1 - o.Contrast, 1 + o.Contrast);
            factors[i * 4 + 2] = (float)random.Uniform(1 - o.Saturation, 1 + o.Saturation);
            factors[i * 4 + 3] = (float)random.Uniform(-o.Hue, o.Hue);
        }
        plan.AddColor(factors, rows);
    }
}
