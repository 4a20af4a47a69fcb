using Ml.Cnn.Legacy;
using Ml.Cnn.Metrics;

namespace Ml.Cnn.Estimators.Tests.Metrics;

public class MulticlassEvaluatorTests
{
    private static DataView Scored(string[] labels, float[][] scores) => new([
        new ScalarColumn<string>("Label", labels),
        new VectorColumn("Score", 3, scores.SelectMany(s => s).ToArray(), ["a", "b", "c"]),
    ]);

    [Fact]
    public void Metrics_equal_a_hand_computation()
    {
        var data = Scored(["a", "a", "b", "c", "c"], [
            [0.7f, 0.2f, 0.1f],
            [0.3f, 0.6f, 0.1f],
            [0.1f, 0.8f, 0.1f],
            [0.2f, 0.3f, 0.5f],
            [0.5f, 0.1f, 0.4f],
        ]);
        var m = MulticlassEvaluator.Evaluate(data, topKPredictionCount: 2);
        Assert.Equal(3.0 / 5, m.MicroAccuracy, 12);
        Assert.Equal((0.5 + 1 + 0.5) / 3, m.MacroAccuracy, 12);
        var losses = new[] { 0.7, 0.3, 0.8, 0.5, 0.4 }.Select(p => -Math.Log((float)p)).ToArray();
        Assert.Equal(losses.Average(), m.LogLoss, 6);
        var prior = -(2 * Math.Log(0.4) + Math.Log(0.2) + 2 * Math.Log(0.4)) / 5;
        Assert.Equal((prior - losses.Average()) / prior, m.LogLossReduction, 6);
        Assert.Equal(5.0 / 5, m.TopKAccuracy, 12);
        Assert.Equal((losses[0] + losses[1]) / 2, m.PerClassLogLoss[0], 6);
        Assert.Equal([1, 1, 0], m.ConfusionMatrix.Counts[0]);
        Assert.Equal([1, 0, 1], m.ConfusionMatrix.Counts[2]);
        Assert.Equal(0.5, m.PerClassPrecision[0], 12);
        Assert.Equal(0.5, m.PerClassPrecision[1], 12);
        Assert.Equal(2 * 0.5 * 1.0 / 1.5, m.PerClassF1[1], 12);
    }

    [Fact]
    public void A_certain_wrong_prediction_has_a_finite_log_loss()
    {
        var m = MulticlassEvaluator.Evaluate(Scored(["a", "b"], [[0f, 1f, 0f], [0f, 1f, 0f]]));
        Assert.Equal(-Math.Log(1e-15) / 2, m.LogLoss, 9);
    }

    [Fact]
    public void An_unknown_label_names_its_row_and_a_score_without_slot_names_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => MulticlassEvaluator.Evaluate(Scored(["a", "z"], [[1f, 0f, 0f], [1f, 0f, 0f]])));
        Assert.Contains("Row 1", e.Message);
        var unnamed = new DataView([new ScalarColumn<string>("Label", ["a"]), new VectorColumn("Score", 3, [1f, 0f, 0f])]);
        Assert.Contains("slot names", Assert.Throws<ArgumentException>(() => MulticlassEvaluator.Evaluate(unnamed)).Message);
    }
}
