using Ml.Cnn.Engine;

namespace Ml.Cnn.Augmentation;

/// <summary>
/// torchvision's RandomResizedCrop at the image's own size: a box of area fraction in [minScale, maxScale] and aspect ratio
/// in [minRatio, maxRatio] (log-uniform), placed uniformly, resampled to the full image; after 10 failed draws, the whole image.
/// </summary>
internal sealed class RandomResizedCropAugmenter(RandomResizedCropOptions o) : IBatchAugmenter
{
    public bool MixesTargets => false;

    public void AddTo(AugmentationPlan plan, ImageShape shape, int rows, Random random)
    {
        var thetas = new float[rows * 6];
        for (var i = 0; i < rows; i++)
        {
            var m = AffineMatrix.Identity;
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var area = random.Uniform(o.MinScale, o.MaxScale) * shape.Width * shape.Height;
                var ratio = Math.Exp(random.Uniform(Math.Log(o.MinRatio), Math.Log(o.MaxRatio)));
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
        plan.AddAffine(thetas, rows, FillMode.Nearest, o.Interpolation, 0);
    }
}
