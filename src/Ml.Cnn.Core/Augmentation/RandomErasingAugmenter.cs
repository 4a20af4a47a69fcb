using Ml.Cnn.Engine;

namespace Ml.Cnn.Augmentation;

/// <summary>
/// torchvision's RandomErasing (cutout): with probability p, a box of area fraction in [minArea, maxArea] and aspect ratio
/// in [minRatio, maxRatio] (log-uniform) is filled with a value; up to 10 draws, else nothing is erased.
/// </summary>
internal sealed class RandomErasingAugmenter(RandomErasingOptions o) : IBatchAugmenter
{
    public bool MixesTargets => false;

    public void AddTo(AugmentationPlan plan, ImageShape shape, int rows, Random random)
    {
        var boxes = new float[rows * 5];
        for (var i = 0; i < rows; i++)
        {
            var box = boxes.AsSpan(i * 5, 5);
            box.Clear();
            box[4] = o.Value;
            if (!random.Chance(o.Probability)) continue;
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var area = random.Uniform(o.MinArea, o.MaxArea) * shape.Width * shape.Height;
                var ratio = Math.Exp(random.Uniform(Math.Log(o.MinRatio), Math.Log(o.MaxRatio)));
                var h = (int)Math.Round(Math.Sqrt(area * ratio));
                var w = (int)Math.Round(Math.Sqrt(area / ratio));
                if (h < 1 || w < 1 || h >= shape.Height || w >= shape.Width) continue;
                var y = random.Next(0, shape.Height - h + 1);
                var x = random.Next(0, shape.Width - w + 1);
                (box[0], box[1], box[2], box[3]) = (x, y, x + w, y + h);
                break;
            }
        }
        plan.AddErase(boxes, rows);
    }
}
