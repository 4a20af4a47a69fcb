namespace Ml.Cnn.Augmentation;

/// <summary>The distributions augmentations draw from, on top of <see cref="Random"/> (so a seed fixes every draw).</summary>
internal static class RandomDraws
{
    /// <summary>Uniform in [low, high).</summary>
    public static double Uniform(this Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public static bool Chance(this Random random, double p) => p > 0 && random.NextDouble() < p;

    /// <summary>Standard normal (Box-Muller).</summary>
    public static double Gaussian(this Random random)
    {
        var u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang (shape &lt; 1 boosted by U^(1/shape)).</summary>
    public static double Gamma(this Random random, double shape)
    {
        if (shape < 1) return random.Gamma(shape + 1) * Math.Pow(1.0 - random.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = random.Gaussian();
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = 1.0 - random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    /// <summary>Beta(alpha, alpha), as mixup and cutmix draw lambda.</summary>
    public static double Beta(this Random random, double alpha)
    {
        var a = random.Gamma(alpha);
        var b = random.Gamma(alpha);
        return a + b == 0 ? 0.5 : a / (a + b);
    }
}
