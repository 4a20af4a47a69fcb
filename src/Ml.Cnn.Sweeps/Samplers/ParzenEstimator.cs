namespace Ml.Cnn.Sweeps;

/// <summary>
/// TPE's density over one numeric range in the sampler's space: an equal-weight mixture of a wide prior (centred, σ = the
/// range's width) and one normal per observation, each σ the larger gap to its neighbours among the sorted observations
/// and the prior's centre (the outermost take their inner gap; with one observation, the gap to the bound), clipped to
/// [width / min(100, n + 1), width]; every component truncated to the range.
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly double[] _means;
    private readonly double[] _sigmas;
    private readonly double _low;
    private readonly double _high;

    public ParzenEstimator(IReadOnlyList<double> observations, double low, double high)
    {
        _low = low;
        _high = high;
        var width = Math.Max(high - low, 1e-12);
        var prior = (low + high) / 2;
        var points = observations.Select(o => (Value: Math.Clamp(o, low, high), Prior: false)).Append((Value: prior, Prior: true)).OrderBy(p => p.Value).ToArray();
        _means = points.Select(p => p.Value).ToArray();
        _sigmas = new double[_means.Length];
        var minimum = width / Math.Min(100, _means.Length);
        for (var i = 0; i < _means.Length; i++)
        {
            if (points[i].Prior)
            {
                _sigmas[i] = width;
                continue;
            }
            var left = _means[i] - (i == 0 ? low : _means[i - 1]);
            var right = (i == _means.Length - 1 ? high : _means[i + 1]) - _means[i];
            // The outermost points take the gap to their inner neighbour only (as Optuna without consider_endpoints).
            if (_means.Length > 2 && i == 0) left = right;
            if (_means.Length > 2 && i == _means.Length - 1) right = left;
            _sigmas[i] = Math.Clamp(Math.Max(left, right), minimum, width);
        }
    }

    /// <summary>A draw: a component chosen uniformly, then its truncated normal (by rejection; clamped after 100 misses).</summary>
    public double Sample(Random random)
    {
        var k = random.Next(_means.Length);
        double x = 0;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            x = _means[k] + _sigmas[k] * StandardNormal(random);
            if (x >= _low && x <= _high) return x;
        }
        return Math.Clamp(x, _low, _high);
    }

    /// <summary>The logarithm of the mixture's density at <paramref name="x"/>.</summary>
    public double LogDensity(double x)
    {
        double sum = 0;
        for (var k = 0; k < _means.Length; k++)
        {
            var s = _sigmas[k];
            var z = (x - _means[k]) / s;
            var mass = NormalCdf((_high - _means[k]) / s) - NormalCdf((_low - _means[k]) / s);
            sum += Math.Exp(-0.5 * z * z) / (s * Math.Sqrt(2 * Math.PI) * Math.Max(mass, 1e-12));
        }
        return Math.Log(Math.Max(sum / _means.Length, 1e-300));
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Φ(z) through erf (Abramowitz and Stegun 7.1.26, error under 1.5e-7).</summary>
    private static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
