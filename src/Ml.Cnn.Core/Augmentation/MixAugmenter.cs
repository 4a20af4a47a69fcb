using Ml.Cnn.Engine;

namespace Ml.Cnn.Augmentation;

/// <summary>
/// Mixup (Zhang et al. 2018) or CutMix (Yun et al. 2019): each image is paired with another of the batch (a random
/// permutation) and lambda ~ Beta(alpha, alpha); mixup blends the two images, cutmix pastes a box of area (1 - lambda)
/// from the partner. With probability 1 - p an image is left alone. Targets become soft and mix with the same lambda.
/// </summary>
/// <param name="alpha">The Beta parameter (validated by <see cref="MixupOptions"/> or <see cref="CutMixOptions"/>).</param>
/// <param name="probability">Probability per image.</param>
/// <param name="cutmix">CutMix when true, else mixup.</param>
internal sealed class MixAugmenter(double alpha, double probability, bool cutmix) : IBatchAugmenter
{
    public bool MixesTargets => true;

    public void AddTo(AugmentationPlan plan, ImageShape shape, int rows, Random random)
    {
        var partners = Enumerable.Range(0, rows).ToArray();
        random.Shuffle(partners);
        var mix = new float[rows * 6];
        for (var i = 0; i < rows; i++)
        {
            var row = mix.AsSpan(i * 6, 6);
            row.Clear();
            row[0] = partners[i];
            var lambda = random.Beta(alpha);
            row[1] = random.Chance(probability) ? (float)lambda : 1f;
            if (!cutmix || row[1] >= 1f) continue;
            var w = (int)Math.Round(shape.Width * Math.Sqrt(1 - lambda));
            var h = (int)Math.Round(shape.Height * Math.Sqrt(1 - lambda));
            var cx = random.Next(shape.Width);
            var cy = random.Next(shape.Height);
            (row[2], row[3]) = (Math.Clamp(cx - w / 2, 0, shape.Width), Math.Clamp(cy - h / 2, 0, shape.Height));
            (row[4], row[5]) = (Math.Clamp(cx + w / 2, 0, shape.Width), Math.Clamp(cy + h / 2, 0, shape.Height));
            if (row[4] <= row[2] || row[5] <= row[3]) row[1] = 1f;
        }
        plan.AddMix(mix, rows);
    }
}
