using Ml.Cnn.Augmentation;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Core.Tests.Augmentation;

/// <summary>The augmenters' draws and geometry, applied through the native plan.</summary>
public class AugmenterTests
{
    private static readonly ImageShape Shape = new(1, 5, 5);

    /// <summary>An asymmetric 5x5 image: value 10*y + x + 1.</summary>
    private static byte[] Ramp() => Enumerable.Range(0, 25).Select(i => (byte)(10 * (i / 5) + i % 5 + 1)).ToArray();

    private static byte[] Apply(AffineMatrix m, byte[] image, FillMode fill = FillMode.Constant, float value = 0)
    {
        using var plan = new AugmentationPlan();
        var theta = new float[6];
        m.ToTheta(Shape.Width, Shape.Height, theta);
        plan.AddAffine(theta, 1, fill, Interpolation.Nearest, value);
        var output = new byte[image.Length];
        plan.Apply(image, 1, Shape, output);
        return output;
    }

    private static byte At(byte[] image, int x, int y) => image[y * 5 + x];

    [Fact]
    public void A_90_degree_rotation_turns_content_counter_clockwise()
    {
        var image = Ramp();
        var rotated = Apply(AffineMatrix.Rotation(90), image);
        for (var y = 0; y < 5; y++)
            for (var x = 0; x < 5; x++)
                Assert.Equal(At(image, 4 - y, x), At(rotated, x, y));
    }

    [Fact]
    public void Flips_mirror_the_image()
    {
        var image = Ramp();
        var horizontal = Apply(AffineMatrix.Flip(true, false), image);
        var vertical = Apply(AffineMatrix.Flip(false, true), image);
        for (var y = 0; y < 5; y++)
            for (var x = 0; x < 5; x++)
            {
                Assert.Equal(At(image, 4 - x, y), At(horizontal, x, y));
                Assert.Equal(At(image, x, 4 - y), At(vertical, x, y));
            }
    }

    [Theory]
    [InlineData(FillMode.Constant)]
    [InlineData(FillMode.Nearest)]
    [InlineData(FillMode.Reflect)]
    [InlineData(FillMode.Wrap)]
    public void A_shift_by_two_pixels_moves_content_and_fills_by_mode(FillMode fill)
    {
        var image = Ramp();
        var shifted = Apply(AffineMatrix.Shift(2, 0), image, fill, value: 200f / 255);
        for (var y = 0; y < 5; y++)
        {
            for (var x = 2; x < 5; x++) Assert.Equal(At(image, x - 2, y), At(shifted, x, y));
            byte[] expected = fill switch
            {
                FillMode.Constant => [200, 200],
                FillMode.Nearest => [At(image, 0, y), At(image, 0, y)],
                FillMode.Reflect => [At(image, 1, y), At(image, 0, y)],
                _ => [At(image, 3, y), At(image, 4, y)],
            };
            Assert.Equal(expected, new[] { At(shifted, 0, y), At(shifted, 1, y) });
        }
    }

    [Fact]
    public void Random_affine_draws_stay_in_range_and_flip_with_the_given_probability()
    {
        var augmenter = new RandomAffineAugmenter(new RandomAffineOptions { RotationDegrees = 30, HorizontalFlip = 0.3 });
        var random = new Random(4);
        var flips = 0;
        const int draws = 4000;
        for (var i = 0; i < draws; i++)
        {
            var m = augmenter.Draw(new ImageShape(1, 8, 8), random);
            var flipped = m.A * m.D - m.B * m.C < 0;
            if (flipped) flips++;
            var angle = Math.Abs(Math.Atan2(m.C, flipped ? -m.A : m.A) * 180 / Math.PI);
            Assert.InRange(angle, 0, 30.0001);
        }
        Assert.InRange(flips / (double)draws, 0.27, 0.33);
    }

    [Fact]
    public void The_same_seed_gives_the_same_augmented_batch()
    {
        var pixels = Enumerable.Range(0, 4 * 3 * 8 * 8).Select(i => (byte)(i * 37 % 256)).ToArray();
        var shape = new ImageShape(3, 8, 8);
        var steps = new IBatchAugmenter[]
        {
            new RandomAffineAugmenter(new RandomAffineOptions { RotationDegrees = 20, WidthShift = 0.1, Zoom = 0.2, HorizontalFlip = 0.5 }),
            new ColorJitterAugmenter(new ColorJitterOptions { Brightness = 0.3, Contrast = 0.3, Saturation = 0.3, Hue = 0.1 }),
            new RandomErasingAugmenter(new RandomErasingOptions { MaxArea = 0.3 }),
            new CutMixOptions { Alpha = 0.4 }.CreateAugmenter(),
        };
        byte[] Run(int seed)
        {
            using var plan = new AugmentationPlan();
            var random = new Random(seed);
            foreach (var step in steps) step.AddTo(plan, shape, 4, random);
            var output = new byte[pixels.Length];
            plan.Apply(pixels, 4, shape, output);
            return output;
        }
        Assert.Equal(Run(9), Run(9));
        Assert.NotEqual(Run(9), Run(10));
    }

    [Fact]
    public void Erasing_respects_its_probability_and_mixing_partners_form_a_permutation()
    {
        var random = new Random(2);
        var erased = 0;
        for (var i = 0; i < 2000; i++)
        {
            var draw = new RandomErasingAugmenter(new RandomErasingOptions { Probability = 0.25 });
            using var plan = new AugmentationPlan();
            var image = Enumerable.Repeat((byte)255, 64).ToArray();
            draw.AddTo(plan, new ImageShape(1, 8, 8), 1, random);
            var output = new byte[64];
            plan.Apply(image, 1, new ImageShape(1, 8, 8), output);
            if (output.Contains((byte)0)) erased++;
        }
        Assert.InRange(erased / 2000.0, 0.21, 0.29);

        var targets = new float[] { 1, 0, 0, 1, 1, 0 };
        using var mix = new AugmentationPlan();
        new MixupOptions { Alpha = 0.5 }.CreateAugmenter().AddTo(mix, new ImageShape(1, 2, 2), 3, new Random(1));
        mix.Apply(new byte[12], 3, new ImageShape(1, 2, 2), new byte[12], targets, 2);
        for (var i = 0; i < 3; i++) Assert.Equal(1f, targets[2 * i] + targets[2 * i + 1], 5);
    }
}
