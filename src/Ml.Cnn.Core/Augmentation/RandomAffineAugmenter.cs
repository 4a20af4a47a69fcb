using Ml.Cnn.Engine;

namespace Ml.Cnn.Augmentation;

/// <summary>Draws rotation, shift, shear, zoom and flips per image and adds one affine op (Keras' order: rotate, shift, shear, zoom).</summary>
internal sealed class RandomAffineAugmenter(RandomAffineOptions o) : IBatchAugmenter
{
    public bool MixesTargets => false;

    public void AddTo(AugmentationPlan plan, ImageShape shape, int rows, Random random)
    {
        var thetas = new float[rows * 6];
        for (var i = 0; i < rows; i++) Draw(shape, random).ToTheta(shape.Width, shape.Height, thetas.AsSpan(i * 6, 6));
        plan.AddAffine(thetas, rows, o.Fill, o.Interpolation, o.FillValue);
    }

    /// <summary>One image's transform.</summary>
    public AffineMatrix Draw(ImageShape shape, Random random)
    {
        var dx = Shift(random, o.WidthShift, shape.Width);
        var dy = Shift(random, o.HeightShift, shape.Height);
        return AffineMatrix.Rotation(random.Uniform(-o.RotationDegrees, o.RotationDegrees))
            .Then(AffineMatrix.Shift(dx, dy))
            .Then(AffineMatrix.Shear(random.Uniform(-o.ShearDegrees, o.ShearDegrees)))
            .Then(AffineMatrix.Zoom(random.Uniform(1 - o.Zoom, 1 + o.Zoom), random.Uniform(1 - o.Zoom, 1 + o.Zoom)))
            .Then(AffineMatrix.Flip(random.Chance(o.HorizontalFlip), random.Chance(o.VerticalFlip)));
    }

    private static double Shift(Random random, double range, int size)
    {
        var pixels = range < 1 ? range * size : range;
        return random.Uniform(-pixels, pixels);
    }
}
