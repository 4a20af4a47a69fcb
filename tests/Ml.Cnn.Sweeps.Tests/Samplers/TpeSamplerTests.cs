using static Ml.Cnn.Sweeps.Tests.Samplers.SamplerCases;

namespace Ml.Cnn.Sweeps.Tests.Samplers;

public sealed class TpeSamplerTests
{
    private static readonly SearchSpace Space = new SearchSpace().LogUniform("lr", 1e-5, 1).Choice("opt", "adam", "sgd", "rmsprop");

    /// <summary>
    /// 30 finished trials on an even grid of log10(lr) over [-5, 0], scored 1 - |log10(lr) + 3| / 5 (best at 1e-3); those within
    /// half a decade of 1e-3 used adam, the others sgd or rmsprop.
    /// </summary>
    private static List<TrialRecord> History(bool maximize)
    {
        var trials = new List<TrialRecord>();
        for (var n = 0; n < 30; n++)
        {
            var log = -5 + 5.0 * n / 29;
            var score = 1 - Math.Abs(log + 3) / 5;
            var opt = Math.Abs(log + 3) < 0.5 ? "adam" : n % 2 == 0 ? "sgd" : "rmsprop";
            trials.Add(Trial(n, TrialState.Complete, maximize ? score : -score, ("lr", Math.Pow(10, log)), ("opt", opt)));
        }
        return trials;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void After_startup_it_draws_near_the_good_trials(bool maximize)
    {
        var sampler = new TpeSampler(startupTrials: 10);
        var history = History(maximize);
        var draws = Enumerable.Range(30, 40).Select(n => sampler.Sample(Space, new SamplingContext(n, 5, maximize, history))).ToList();
        // The good region [1e-3.5, 1e-2.5] is a fifth of the log range: random draws would land there ~20% of the time.
        Assert.True(draws.Count(d => Math.Log10((double)d["lr"]) is > -3.5 and < -2.5) >= 28, string.Join(", ", draws.Select(d => d["lr"])));
        Assert.True(draws.Count(d => (string)d["opt"] == "adam") >= 32, string.Join(", ", draws.Select(d => d["opt"])));
    }

    [Fact]
    public void Before_startup_is_reached_it_draws_as_the_random_sampler()
    {
        var history = History(true).Take(5).ToList();
        var context = new SamplingContext(5, 9, true, history);
        Assert.Equal(new RandomSampler().Sample(Space, context).ToJson(), new TpeSampler(10).Sample(Space, context).ToJson());
    }

    [Fact]
    public void Trials_that_went_further_rank_first_then_by_metric()
    {
        var complete = Trial(0, TrialState.Complete, 0.5, ("lr", 0.1));
        var prunedHigh = Trial(1, TrialState.Pruned, 0.9, ("lr", 0.1));
        var completeBest = Trial(2, TrialState.Complete, 0.7, ("lr", 0.1));
        Assert.Equal([2, 0, 1], TpeSampler.Rank([complete, prunedHigh, completeBest], maximize: true).Select(t => t.Number));
        Assert.Equal([0, 2, 1], TpeSampler.Rank([complete, prunedHigh, completeBest], maximize: false).Select(t => t.Number));
    }
}
