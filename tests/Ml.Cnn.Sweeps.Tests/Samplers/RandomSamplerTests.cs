namespace Ml.Cnn.Sweeps.Tests.Samplers;

public sealed class RandomSamplerTests
{
    private static readonly SearchSpace Space = new SearchSpace()
        .LogUniform("lr", 1e-4, 1e-1).Choice("opt", "adam", "sgd").Uniform("momentum", 0.5, 0.9, new ParameterCondition("opt", ["sgd"])).Integer("epochs", 2, 5);

    [Fact]
    public void The_same_seed_and_number_draw_the_same_values_and_others_differ()
    {
        var sampler = new RandomSampler();
        var a = sampler.Sample(Space, new SamplingContext(3, 42, true, []));
        var b = sampler.Sample(Space, new SamplingContext(3, 42, true, []));
        var c = sampler.Sample(Space, new SamplingContext(4, 42, true, []));
        Assert.Equal(a.ToJson(), b.ToJson());
        Assert.NotEqual(a.ToJson(), c.ToJson());
    }

    [Fact]
    public void Draws_stay_in_bounds_log_ranges_spread_by_logarithm_and_conditions_hold()
    {
        var sampler = new RandomSampler();
        var draws = Enumerable.Range(0, 2000).Select(n => sampler.Sample(Space, new SamplingContext(n, 7, true, []))).ToList();
        Assert.All(draws, d =>
        {
            Assert.InRange((double)d["lr"], 1e-4, 1e-1);
            Assert.InRange((int)d["epochs"], 2, 5);
            Assert.Equal((string)d["opt"] == "sgd", d.ContainsKey("momentum"));
            if (d.TryGetValue("momentum", out var m)) Assert.InRange((double)m, 0.5, 0.9);
        });
        // Half of a log-uniform draw lies below the geometric middle (1e-2.5), not the arithmetic one.
        Assert.InRange(draws.Count(d => (double)d["lr"] < Math.Pow(10, -2.5)) / 2000.0, 0.46, 0.54);
        Assert.Equal([2, 3, 4, 5], draws.Select(d => (int)d["epochs"]).Distinct().Order());
        Assert.InRange(draws.Count(d => (string)d["opt"] == "sgd") / 2000.0, 0.46, 0.54);
    }
}
