namespace Ml.Cnn.Sweeps.Tests.Pruners;

public sealed class AshaPrunerTests
{
    [Theory]
    [InlineData(1, 3, 9, new[] { 1, 3 })]
    [InlineData(1, 3, 10, new[] { 1, 3, 9 })]
    [InlineData(2, 3, 20, new[] { 2, 6, 18 })]
    [InlineData(1, 2, 8, new[] { 1, 2, 4 })]
    [InlineData(5, 3, 5, new int[0])]
    public void Rungs_are_min_epochs_times_powers_of_the_factor_below_the_last_epoch(int min, int factor, int max, int[] rungs) =>
        Assert.Equal(rungs, new AshaPruner(min, factor).Rungs(max));

    [Theory]
    // n < eta: only the best so far goes on (index 0).
    [InlineData(new[] { 0.7 }, 0.7, true)]
    [InlineData(new[] { 0.9, 0.7 }, 0.7, false)]
    [InlineData(new[] { 0.6, 0.7 }, 0.7, true)]
    // n = 3: floor(3/3) = 1 -> the best one goes on.
    [InlineData(new[] { 0.9, 0.5, 0.7 }, 0.7, false)]
    [InlineData(new[] { 0.9, 0.5, 0.7 }, 0.9, true)]
    // n = 6: floor(6/3) = 2 -> the best two go on: 0.8 (second) yes, 0.6 (third) no.
    [InlineData(new[] { 0.1, 0.9, 0.8, 0.6, 0.3, 0.2 }, 0.8, true)]
    [InlineData(new[] { 0.1, 0.9, 0.8, 0.6, 0.3, 0.2 }, 0.6, false)]
    // Ties with the cut go on.
    [InlineData(new[] { 0.9, 0.8, 0.8, 0.1, 0.1, 0.1 }, 0.8, true)]
    public void A_trial_goes_on_when_it_is_in_the_top_third_of_its_rung(double[] rung, double value, bool promoted) =>
        Assert.Equal(promoted, new AshaPruner(1, 3).Promote(value, rung, maximize: true));

    [Fact]
    public void Smaller_is_better_for_losses()
    {
        var asha = new AshaPruner(1, 2);
        Assert.True(asha.Promote(0.2, [0.2, 0.5, 0.9, 0.4], maximize: false));
        Assert.True(asha.Promote(0.4, [0.2, 0.5, 0.9, 0.4], maximize: false));
        Assert.False(asha.Promote(0.5, [0.2, 0.5, 0.9, 0.4], maximize: false));
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AshaPruner(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AshaPruner(1, 1));
    }
}
