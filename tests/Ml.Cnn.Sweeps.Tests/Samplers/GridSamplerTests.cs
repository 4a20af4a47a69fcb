using static Ml.Cnn.Sweeps.Tests.Samplers.SamplerCases;

namespace Ml.Cnn.Sweeps.Tests.Samplers;

public sealed class GridSamplerTests
{
    private static readonly SearchSpace Space = new SearchSpace()
        .Choice("opt", "adam", "sgd").Uniform("momentum", 0, 1, new ParameterCondition("opt", ["sgd"])).LogUniform("lr", 1e-3, 1e-1);

    [Fact]
    public void Combinations_cover_choices_and_evenly_spaced_points_once_each()
    {
        var grid = new GridSampler(3).Combinations(Space).Select(c => c.ToString()).ToList();
        // adam: 3 rates (momentum inactive, so adam's three momenta collapse into one each); sgd: 3 momenta x 3 rates.
        Assert.Equal(12, grid.Count);
        Assert.Equal("opt=adam lr=0.001", grid[0]);
        Assert.Equal("opt=adam lr=0.01", grid[1]);
        Assert.Equal("opt=sgd momentum=0 lr=0.001", grid[3]);
        Assert.Equal("opt=sgd momentum=0.5 lr=0.1", grid[8]);
        Assert.Equal(grid.Count, grid.Distinct().Count());
    }

    [Fact]
    public void A_new_trial_takes_the_first_combination_not_held_and_a_failed_ones_is_run_again()
    {
        var sampler = new GridSampler(2);
        var space = new SearchSpace().Choice("a", 1, 2).Choice("b", "x", "y");
        var trials = new List<TrialRecord>
        {
            Trial(0, TrialState.Complete, 0.5, ("a", 1), ("b", "x")),
            Trial(1, TrialState.Failed, null, ("a", 1), ("b", "y")),
            Trial(2, TrialState.Running, null, ("a", 2), ("b", "x")),
        };
        Assert.Equal("a=1 b=y", sampler.Sample(space, new SamplingContext(3, 1, true, trials)).ToString());
        trials.Add(Trial(3, TrialState.Pruned, 0.1, ("a", 1), ("b", "y")));
        Assert.Equal("a=2 b=y", sampler.Sample(space, new SamplingContext(4, 1, true, trials)).ToString());
        trials.Add(Trial(4, TrialState.Complete, 0.2, ("a", 2), ("b", "y")));
        // Every combination is held: the grid repeats in order.
        Assert.Equal("a=1 b=x", sampler.Sample(space, new SamplingContext(8, 1, true, trials)).ToString());
    }
}
