namespace Ml.Cnn.Sweeps;

/// <summary>
/// Tree-structured Parzen Estimator (Bergstra et al. 2011, as Optuna samples independently per parameter): the first
/// <see cref="StartupTrials"/> finished trials are drawn at random; then the finished trials are ranked (more epochs first,
/// so pruned trials rank below those that went further; then by metric), the best ⌈10%⌉ (at most 25, at least 1) are
/// "good" and the rest "bad", and each parameter takes, of <see cref="Candidates"/> draws from the good trials' density
/// l(x), the one with the largest l(x) / g(x) (g: the bad trials' density). Numeric ranges use <see cref="ParzenEstimator"/>
/// (in log space for log ranges); choices use counts plus one per value. A conditional parameter learns from the trials
/// that have it. Running and failed trials are not used.
/// </summary>
/// <param name="startupTrials">Finished trials drawn at random before TPE starts (at least 2; default 10, as Optuna).</param>
/// <param name="candidates">Draws from l(x) compared per parameter (default 24, as Optuna and Hyperopt).</param>
public sealed class TpeSampler(int startupTrials = 10, int candidates = 24) : ISampler
{
    private readonly RandomSampler _startup = new();

    /// <summary>Finished trials drawn at random before TPE starts.</summary>
    public int StartupTrials { get; } = startupTrials >= 2 ? startupTrials : throw new ArgumentOutOfRangeException(nameof(startupTrials), "TPE needs at least 2 startup trials.");

    /// <summary>Draws compared per parameter.</summary>
    public int Candidates { get; } = candidates >= 1 ? candidates : throw new ArgumentOutOfRangeException(nameof(candidates), "TPE needs at least 1 candidate.");

    /// <inheritdoc/>
    public string Name => "tpe";

    /// <inheritdoc/>
    public TrialParameters Sample(SearchSpace space, SamplingContext context)
    {
        var finished = context.Trials.Where(t => t.IsFinished && t.Value is not null).ToList();
        if (finished.Count < StartupTrials) return _startup.Sample(space, context);
        var ranked = Rank(finished, context.Maximize);
        var goodCount = Math.Clamp((int)Math.Ceiling(0.1 * ranked.Count), 1, 25);
        var good = ranked.Take(goodCount).ToList();
        var bad = ranked.Skip(goodCount).ToList();
        var random = context.Random();
        return ParameterDraw.Walk(space, range => Draw(range, Values(good, range.Name), Values(bad, range.Name), random));
    }

    /// <summary>Finished trials best first: more epochs first, then better metric, then lower number.</summary>
    public static IReadOnlyList<TrialRecord> Rank(IEnumerable<TrialRecord> finished, bool maximize) => finished
        .OrderByDescending(t => t.Epochs)
        .ThenBy(t => maximize ? -t.Value!.Value : t.Value!.Value)
        .ThenBy(t => t.Number)
        .ToList();

    private static List<object> Values(List<TrialRecord> trials, string name) =>
        trials.Where(t => t.Parameters.ContainsKey(name)).Select(t => t.Parameters[name]).ToList();

    private object Draw(ParameterRange range, List<object> good, List<object> bad, Random random)
    {
        if (range is ChoiceRange choice) return DrawChoice(choice, good, bad, random);
        var numeric = (NumericRange)range;
        var (low, high) = numeric.InternalBounds;
        var toInternal = (object v) => numeric.ToInternal(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));
        var l = new ParzenEstimator(good.Select(toInternal).ToList(), low, high);
        var g = new ParzenEstimator(bad.Select(toInternal).ToList(), low, high);
        var best = l.Sample(random);
        var bestScore = l.LogDensity(best) - g.LogDensity(best);
        for (var i = 1; i < Candidates; i++)
        {
            var x = l.Sample(random);
            var score = l.LogDensity(x) - g.LogDensity(x);
            if (score > bestScore) (best, bestScore) = (x, score);
        }
        return numeric.FromInternal(best);
    }

    private object DrawChoice(ChoiceRange choice, List<object> good, List<object> bad, Random random)
    {
        double[] Weights(List<object> values)
        {
            var w = Enumerable.Repeat(1.0, choice.Values.Count).ToArray();
            foreach (var v in values)
                if (choice.IndexOf(v) is var k and >= 0) w[k]++;
            var total = w.Sum();
            return w.Select(x => x / total).ToArray();
        }
        var l = Weights(good);
        var g = Weights(bad);
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < Candidates; i++)
        {
            var u = random.NextDouble();
            var k = 0;
            while (k < l.Length - 1 && (u -= l[k]) > 0) k++;
            var score = Math.Log(l[k]) - Math.Log(g[k]);
            if (score > bestScore) (best, bestScore) = (k, score);
        }
        return choice.Values[best];
    }
}
