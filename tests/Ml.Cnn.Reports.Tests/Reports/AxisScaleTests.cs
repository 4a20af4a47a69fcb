using Ml.Cnn.Reports;

namespace Ml.Cnn.Estimators.Tests.Reports;

public class AxisScaleTests
{
    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(3, new[] { 1, 2, 3 })]
    [InlineData(15, new[] { 2, 4, 6, 8, 10, 12, 14 })]
    [InlineData(20, new[] { 1, 5, 10, 15, 20 })]
    [InlineData(100, new[] { 1, 20, 40, 60, 80, 100 })]
    public void Epoch_ticks_are_round_numbers(int epochs, int[] expected) => Assert.Equal(expected, AxisScale.EpochTicks(epochs));

    [Fact]
    public void Value_ticks_cover_the_data_with_round_steps()
    {
        var scale = AxisScale.Covering(0.31, 1.16);
        Assert.Equal([0.2, 0.4, 0.6, 0.8, 1.0, 1.2], scale.Ticks.Select(t => Math.Round(t, 9)));
        Assert.Equal(1, scale.Decimals);
        Assert.Equal(100, scale.Map(0.2, 100, 0), 9);
        Assert.Equal(0, scale.Map(1.2, 100, 0), 9);
    }

    [Fact]
    public void A_constant_series_gets_a_range_around_its_value()
    {
        var scale = AxisScale.Covering(0.7, 0.7);
        Assert.True(scale.Min < 0.7 && scale.Max > 0.7);
        Assert.Equal(0, AxisScale.Covering(0, 0).Ticks.Count(t => Math.Abs(t) > 1.0000001));
    }
}
