using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms;

/// <summary>
/// torchvision's RandomErasing (cutout): with probability p, a box of area fraction in [minArea, maxArea] and aspect ratio
/// in [minRatio, maxRatio] (log-uniform) is filled with a value; up to 10 draws, else nothing is erased.
/// </summary>
internal sealed class RandomErasingAugmenter : IBatchAugmenter
{
    private readonly double _p;
    private readonly (double Min, double Max) _area;
    private readonly (double Min, double Max) _ratio;
    private readonly float _value;

    public RandomErasingAugmenter(double probability, double minArea, double maxArea, double minRatio, double maxRatio, float value)
    {
        RandomAffineOptions.Check(probability is >= 0 and <= 1, nameof(probability), "is a probability in [0, 1]");
        RandomAffineOptions.Check(minArea > 0 && minArea <= maxArea && maxArea <= 1, nameof(minArea), "and maxArea must satisfy 0 < min <= max <= 1");
        RandomAffineOptions.Check(minRatio > 0 && minRatio <= maxRatio && double.IsFinite(maxRatio), nameof(minRatio), "and maxRatio must satisfy 0 < min <= max");
        RandomAffineOptions.Check(value is >= 0 and <= 1, nameof(value), "must lie in [0, 1]");
        (_p, _area, _ratio, _value) = (probability, (minArea, maxArea), (minRatio, maxRatio), value);
    }

    public bool MixesTargets => false;

    public void AddTo(AugmentationPlan plan, ImageShape shape, int rows, Random random)
    {
        var boxes = new float[rows * 5];
        for (var i = 0; i < rows; i++)
        {
            var box = boxes.AsSpan(i * 5, 5);
            box.Clear();
            box[4] = _value;
            if (!random.Chance(_p)) continue;
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var area = random.Uniform(_area.Min, _area.Max) * shape.Width * shape.Height;
                var ratio = Math.Exp(random.Uniform(Math.Log(_ratio.Min), Math.Log(_ratio.Max)));
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
