using Ml.Cnn.Legacy;
using Ml.Cnn.Metrics;

namespace Ml.Cnn.Estimators.Tests.Metrics;

public class RegressionEvaluatorTests
{
    private static DataView Scalars(float[] labels, float[] scores) => new([
        new ScalarColumn<float>("Label", labels),
        new ScalarColumn<float>("Score", scores),
    ]);

    [Fact]
    public void One_output_equals_a_hand_computation()
    {
        // Labels on the line y = x at x = 1..4; scores 1.5, 2, 2.5, 4 -> errors -.5, 0, .5, 0.
        var m = RegressionEvaluator.Evaluate(Scalars([1, 2, 3, 4], [1.5f, 2, 2.5f, 4]));
        Assert.Equal(0.25, m.MeanAbsoluteError, 12);
        Assert.Equal(0.125, m.MeanSquaredError, 12);
        Assert.Equal(Math.Sqrt(0.125), m.RootMeanSquaredError, 12);
        Assert.Equal(m.MeanSquaredError, m.LossFunction);
        // Label mean 2.5: SS_tot = 2.25 + .25 + .25 + 2.25 = 5; SS_res = .5; R² = 1 - .5 / 5.
        Assert.Equal(0.9, m.RSquared, 12);
        Assert.Empty(m.PerOutput);
    }

    [Fact]
    public void Several_outputs_average_the_per_output_metrics()
    {
        // Output 0 as in the one-output test; output 1: labels 0, 0, 2, 2 and scores all 1 -> MAE 1, MSE 1, RMSE 1, R² 1 - 4/4 = 0.
        var data = new DataView([
            new VectorColumn("Label", 2, [1, 0, 2, 0, 3, 2, 4, 2]),
            new VectorColumn("Score", 2, [1.5f, 1, 2, 1, 2.5f, 1, 4, 1]),
        ]);
        var m = RegressionEvaluator.Evaluate(data);
        Assert.Equal(2, m.PerOutput.Count);
        Assert.Equal(0.9, m.PerOutput[0].RSquared, 12);
        Assert.Equal(0, m.PerOutput[1].RSquared, 12);
        Assert.Equal((0.25 + 1) / 2, m.MeanAbsoluteError, 12);
        Assert.Equal((0.125 + 1) / 2, m.MeanSquaredError, 12);
        Assert.Equal((Math.Sqrt(0.125) + 1) / 2, m.RootMeanSquaredError, 12);
        Assert.Equal(0.45, m.RSquared, 12);
    }

    [Fact]
    public void A_one_wide_vector_score_matches_a_scalar_label()
    {
        var data = new DataView([new ScalarColumn<float>("Label", [1, 3]), new VectorColumn("Score", 1, [2, 3])]);
        var m = RegressionEvaluator.Evaluate(data);
        Assert.Equal(0.5, m.MeanSquaredError, 12);
        Assert.Equal(1 - 1 / 2.0, m.RSquared, 12);
    }

    [Fact]
    public void Perfect_scores_and_constant_labels()
    {
        var perfect = RegressionEvaluator.Evaluate(Scalars([1, 5, -2], [1, 5, -2]));
        Assert.Equal(0, perfect.MeanSquaredError);
        Assert.Equal(1, perfect.RSquared);
        Assert.Equal(1, RegressionEvaluator.Evaluate(Scalars([3, 3], [3, 3])).RSquared);
        Assert.True(double.IsNaN(RegressionEvaluator.Evaluate(Scalars([3, 3], [3, 4])).RSquared));
    }

    [Fact]
    public void Scores_worse_than_the_mean_give_a_negative_r_squared()
    {
        // Labels 0, 2 (mean 1, SS_tot 2); scores 2, 0 -> SS_res 8; R² = 1 - 8 / 2.
        Assert.Equal(-3, RegressionEvaluator.Evaluate(Scalars([0, 2], [2, 0])).RSquared, 12);
    }

    [Fact]
    public void Bad_input_is_refused_with_its_column_and_row()
    {
        Assert.Throws<ArgumentNullException>(() => RegressionEvaluator.Evaluate(null!));
        Assert.Contains("without rows", Assert.Throws<ArgumentException>(() => RegressionEvaluator.Evaluate(Scalars([], []))).Message);
        var nan = Assert.Throws<ArgumentException>(() => RegressionEvaluator.Evaluate(Scalars([1, 2, 3], [1, float.NaN, 3])));
        Assert.Contains("'Score', row 1", nan.Message);
        var vectorInf = new DataView([new VectorColumn("Label", 2, [1, 2, 3, float.PositiveInfinity]), new VectorColumn("Score", 2, [1, 2, 3, 4])]);
        Assert.Contains("'Label', row 1", Assert.Throws<ArgumentException>(() => RegressionEvaluator.Evaluate(vectorInf)).Message);
        var widths = new DataView([new ScalarColumn<float>("Label", [1]), new VectorColumn("Score", 2, [1, 2])]);
        var e = Assert.Throws<ArgumentException>(() => RegressionEvaluator.Evaluate(widths));
        Assert.Contains("'Label' has 1", e.Message);
        Assert.Contains("'Score' has 2", e.Message);
        var text = new DataView([new ScalarColumn<string>("Label", ["1"]), new ScalarColumn<float>("Score", [1])]);
        Assert.Contains("'Label' is String", Assert.Throws<ArgumentException>(() => RegressionEvaluator.Evaluate(text)).Message);
    }
}
