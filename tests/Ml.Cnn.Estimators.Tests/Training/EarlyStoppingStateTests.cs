using Ml.Cnn.Engine;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Training;

public class EarlyStoppingStateTests
{
    private static EpochMetrics Epoch(int epoch, double validationLoss, double macro) =>
        new(epoch, 1.0, null, validationLoss, null, 0.001, 1, 10) { ValidationMetrics = new Dictionary<string, double> { ["MacroAccuracy"] = macro } };

    [Theory]
    [InlineData("ValidationLoss", 0.0, 2, 5, 3)]
    [InlineData("ValidationLoss", 0.06, 2, 4, 2)]
    [InlineData("MacroAccuracy", 0.0, 1, 4, 3)]
    [InlineData("MacroAccuracy", 0.0, 3, 6, 3)]
    public void A_scripted_sequence_stops_at_the_expected_epoch_and_restores_the_best_weights(string monitor, double minDelta, int patience,
        int stopEpoch, int bestEpoch)
    {
        double[] losses = [1.0, 0.9, 0.85, 0.86, 0.87, 0.88, 0.5];
        double[] macro = [0.5, 0.6, 0.7, 0.65, 0.7, 0.69, 0.9];
        using var network = Network.Create("flatten\ndense in=1 out=1", ComputeDevice.Cpu);
        var state = new EarlyStoppingState(new EarlyStopping { Monitor = monitor, MinDelta = minDelta, Patience = patience });
        var stopped = 0;
        for (var e = 1; e <= losses.Length && stopped == 0; e++)
        {
            using (var w = Tensor.FromArray([(float)e], 1, 1)) network.SetState("1.weight", w);
            state.Update(Epoch(e, losses[e - 1], macro[e - 1]), network);
            if (state.ShouldStop) stopped = e;
        }

        Assert.Equal(stopEpoch, stopped);
        Assert.Equal(bestEpoch, state.BestEpoch);
        Assert.Equal(bestEpoch, state.RestoreBest(network, stopped));
        using var weight = network.GetState("1.weight");
        Assert.Equal([(float)bestEpoch], weight.ToArray());
    }

    [Fact]
    public void A_missing_monitored_value_names_what_exists()
    {
        using var network = Network.Create("flatten\ndense in=1 out=1", ComputeDevice.Cpu);
        var state = new EarlyStoppingState(new EarlyStopping { Monitor = "AreaUnderRocCurve" });
        var e = Assert.Throws<InvalidOperationException>(() => state.Update(Epoch(1, 1, 0.5), network));
        Assert.Contains("MacroAccuracy", e.Message);
    }
}
