using Ml.Cnn.Legacy;
using Ml.Cnn.Metrics;

namespace Ml.Cnn.Estimators.Tests.Metrics;

public class MultilabelEvaluatorTests
{
    private static DataView Scored(int width, float[] labels, float[] predicted, IReadOnlyList<string>? names = null) => new([
        new VectorColumn("Label", width, labels),
        new VectorColumn("PredictedLabels", width, predicted, names),
    ]);

    [Fact]
    public void Metrics_equal_a_hand_computation_on_three_rows_and_three_labels()
    {
        // Truth      Predicted
        // [1 0 1]    [1 0 0]    slot 2 wrong
        // [0 1 0]    [1 1 1]    slots 0 and 2 wrong
        // [1 1 1]    [1 1 1]    exact
        var m = MultilabelEvaluator.Evaluate(Scored(3, [1, 0, 1, 0, 1, 0, 1, 1, 1], [1, 0, 0, 1, 1, 1, 1, 1, 1], ["cat", "dog", "sky"]));
        Assert.Equal(["cat", "dog", "sky"], m.LabelNames);
        // cat: TP 2, FP 1, FN 0; dog: TP 2; sky: TP 1, FP 1, FN 1.
        Assert.Equal(2.0 / 3, m.PerLabelPrecision[0], 12);
        Assert.Equal([1, 0.5], m.PerLabelPrecision.Skip(1));
        Assert.Equal([1, 1, 0.5], m.PerLabelRecall);
        Assert.Equal(0.8, m.PerLabelF1[0], 12);
        Assert.Equal(1, m.PerLabelF1[1], 12);
        Assert.Equal(0.5, m.PerLabelF1[2], 12);
        Assert.Equal((0.8 + 1 + 0.5) / 3, m.MacroF1, 12);
        // ΣTP 5, ΣFP 2, ΣFN 1: 10 / 13.
        Assert.Equal(10.0 / 13, m.MicroF1, 12);
        Assert.Equal(3.0 / 9, m.HammingLoss, 12);
        Assert.Equal(1.0 / 3, m.SubsetAccuracy, 12);
    }

    [Fact]
    public void Values_above_one_half_are_present_and_unnamed_slots_are_numbered()
    {
        var m = MultilabelEvaluator.Evaluate(Scored(2, [0.9f, 0.1f, 0.6f, 0.5f], [1, 0, 1, 0]));
        Assert.Equal(["0", "1"], m.LabelNames);
        Assert.Equal(0, m.HammingLoss);
        Assert.Equal(1, m.SubsetAccuracy);
        Assert.Equal(1, m.MicroF1);
    }

    [Fact]
    public void A_label_never_present_nor_predicted_has_zero_f1()
    {
        // Label 1 never occurs: its precision, recall and F1 are 0 and pull MacroF1 to (1 + 0) / 2.
        var m = MultilabelEvaluator.Evaluate(Scored(2, [1, 0, 0, 0], [1, 0, 0, 0]));
        Assert.Equal([1, 0], m.PerLabelF1);
        Assert.Equal(0.5, m.MacroF1, 12);
        Assert.Equal(1, m.MicroF1, 12);
        Assert.Equal(1, m.SubsetAccuracy);
    }

    [Fact]
    public void Nothing_predicted_gives_zero_scores()
    {
        var m = MultilabelEvaluator.Evaluate(Scored(2, [1, 1, 0, 1], [0, 0, 0, 0]));
        Assert.Equal(0, m.MicroF1);
        Assert.Equal(0, m.MacroF1);
        Assert.Equal(3.0 / 4, m.HammingLoss, 12);
        Assert.Equal(0, m.SubsetAccuracy);
    }

    [Fact]
    public void Bad_input_is_refused_with_its_column_and_row()
    {
        Assert.Throws<ArgumentNullException>(() => MultilabelEvaluator.Evaluate(null!));
        Assert.Contains("without rows", Assert.Throws<ArgumentException>(() => MultilabelEvaluator.Evaluate(Scored(2, [], []))).Message);
        var nan = Assert.Throws<ArgumentException>(() => MultilabelEvaluator.Evaluate(Scored(2, [1, 0, 0, 1], [1, 0, float.NaN, 1])));
        Assert.Contains("'PredictedLabels', row 1, slot 0", nan.Message);
        var widths = new DataView([new VectorColumn("Label", 2, [1, 0]), new VectorColumn("PredictedLabels", 3, [1, 0, 0])]);
        var e = Assert.Throws<ArgumentException>(() => MultilabelEvaluator.Evaluate(widths));
        Assert.Contains("'Label' has 2", e.Message);
        Assert.Contains("'PredictedLabels' has 3", e.Message);
    }
}
