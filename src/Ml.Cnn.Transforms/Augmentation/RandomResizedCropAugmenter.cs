using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms;

/// <summary>
/// torchvision's RandomResizedCrop at the image's own size: a box of area fraction in [minScale, maxScale] and aspect ratio
/// in [minRatio, maxRatio] (log-uniform), placed uniformly, resampled to the full image; after 10 failed draws, the whole image.
/// </summary>
internal sealed class RandomResizedCropAugmenter : IBatchAugmenter
{
    private readonly (double Min, double Max) _scale;
    private readonly (double Min, double Max) _ratio;
    private readonly Interpolation _interpolation;

    public RandomResizedCropAugmenter(double minScale, double maxScale, double minRatio, double maxRatio, Interpolation interpolation)
    {
        RandomAffineOptions.Check(minScale > 0 && minScale <= maxScale && maxScale <= 1, nameof(minScale), "and maxScale must satisfy 0 < min <= max <= 1");
        RandomAffineOptions.Check(minRatio > 0 && minRatio <= maxRatio && double.IsFinite(maxRatio), nameof(minRatio), "and maxRatio must satisfy 0 < min <= max");
        RandomAffineOptions.Check(Enum.IsDefined(interpolation), nameof(interpolation), "is not an interpolation");
        (_scale, _ratio, _interpolation) = ((minScale, maxScale), (minRatio, maxRatio), interpolation);
    }

    public bool MixesTargets => false;

    public void AddTo(AugmentationPlan plan, ImageShape shape, int rows, Random random)
    {
        var thetas = new float[rows * 6];
        for (var i = 0; i < rows; i++)
        {
            var m = AffineMatrix.Identity;
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var area = random.Uniform(_scale.Min, _scale.Max) * shape.Width * shape.Height;
                var ratio = Math.Exp(random.Uniform(Math.Log(_ratio.Min), Math.Log(_ratio.Max)));
                var w = Math.Sqrt(area * ratio);
                var h = Math.Sqrt(area / ratio);
                if (w > shape.Width || h > shape.Height) continue;
                var cx = random.Uniform(-(shape.Width - w) / 2, (shape.Width - w) / 2);
                var cy = random.Uniform(-(shape.Height - h) / 2, (shape.Height - h) / 2);
                m = new AffineMatrix(w / shape.Width, 0, 0, h / shape.Height, cx, cy);
                break;
            }
            m.ToTheta(shape.Width, shape.Height, thetas.AsSpan(i * 6, 6));
        }
        plan.AddAffine(thetas, rows, FillMode.Nearest, _interpolation, 0);
    }
}
