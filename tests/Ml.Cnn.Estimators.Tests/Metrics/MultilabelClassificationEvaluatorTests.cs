using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Estimators.Tests.Metrics;

/// <summary><c>mlContext.MultilabelClassification().Evaluate</c> on hand-computed cases over ML.NET data.</summary>
public class MultilabelClassificationEvaluatorTests
{
    public sealed class TagRow
    {
        [VectorType(3)]
        public bool[] Label { get; set; } = [];

        [VectorType(3)]
        public bool[] PredictedLabel { get; set; } = [];

        [VectorType(3)]
        public float[] Probability { get; set; } = [];
    }

    public sealed class PairRow
    {
        [VectorType(2)]
        public float[] Label { get; set; } = [];

        [VectorType(2)]
        public float[] PredictedLabel { get; set; } = [];
    }

    private static IDataView Tags(MLContext ml, bool[][] truth, bool[][] predicted) =>
        ml.Data.LoadFromEnumerable(truth.Select((t, i) => new TagRow
        {
            Label = t, PredictedLabel = predicted[i], Probability = predicted[i].Select(p => p ? 0.9f : 0.1f).ToArray(),
        }));

    private static IDataView Pairs(MLContext ml, float[][] truth, float[][] predicted) =>
        ml.Data.LoadFromEnumerable(truth.Select((t, i) => new PairRow { Label = t, PredictedLabel = predicted[i] }));

    [Fact]
    public void MultilabelMetricsEqualAHandComputation()
    {
        // Truth      Predicted
        // [1 0 1]    [1 0 0]    slot 2 wrong
        // [0 1 0]    [1 1 1]    slots 0 and 2 wrong
        // [1 1 1]    [1 1 1]    exact
        var ml = new MLContext(1);
        var data = Tags(ml, [[true, false, true], [false, true, false], [true, true, true]],
            [[true, false, false], [true, true, true], [true, true, true]]);
        var m = ml.MultilabelClassification().Evaluate(data);
        Assert.Equal(["0", "1", "2"], m.LabelNames);
        Assert.Equal(2.0 / 3, m.PerLabelPrecision[0], 12);
        Assert.Equal([1, 0.5], m.PerLabelPrecision.Skip(1));
        Assert.Equal([1, 1, 0.5], m.PerLabelRecall);
        Assert.Equal((0.8 + 1 + 0.5) / 3, m.MacroF1, 12);
        Assert.Equal(10.0 / 13, m.MicroF1, 12);
        Assert.Equal(3.0 / 9, m.HammingLoss, 12);
        Assert.Equal(1.0 / 3, m.SubsetAccuracy, 12);
        var fromProbabilities = ml.MultilabelClassification().Evaluate(data, predictedLabelColumnName: nameof(TagRow.Probability));
        Assert.Equal(m.PerLabelF1, fromProbabilities.PerLabelF1);
    }

    [Fact]
    public void ValuesAboveOneHalfArePresentAndUnnamedSlotsAreNumbered()
    {
        var ml = new MLContext(1);
        var m = ml.MultilabelClassification().Evaluate(Pairs(ml, [[0.9f, 0.1f], [0.6f, 0.5f]], [[1, 0], [1, 0]]));
        Assert.Equal(["0", "1"], m.LabelNames);
        Assert.Equal(0, m.HammingLoss);
        Assert.Equal(1, m.SubsetAccuracy);
        Assert.Equal(1, m.MicroF1);
    }

    [Fact]
    public void ALabelNeverPresentNorPredictedHasZeroF1()
    {
        // Label 1 never occurs: its precision, recall and F1 are 0 and pull MacroF1 to (1 + 0) / 2.
        var ml = new MLContext(1);
        var m = ml.MultilabelClassification().Evaluate(Pairs(ml, [[1, 0], [0, 0]], [[1, 0], [0, 0]]));
        Assert.Equal([1, 0], m.PerLabelF1);
        Assert.Equal(0.5, m.MacroF1, 12);
        Assert.Equal(1, m.MicroF1, 12);
        Assert.Equal(1, m.SubsetAccuracy);
    }

    [Fact]
    public void NothingPredictedGivesZeroScores()
    {
        var ml = new MLContext(1);
        var m = ml.MultilabelClassification().Evaluate(Pairs(ml, [[1, 1], [0, 1]], [[0, 0], [0, 0]]));
        Assert.Equal(0, m.MicroF1);
        Assert.Equal(0, m.MacroF1);
        Assert.Equal(3.0 / 4, m.HammingLoss, 12);
        Assert.Equal(0, m.SubsetAccuracy);
    }

    [Fact]
    public void MultilabelEvaluationRefusesNoRowsAndUnequalSizes()
    {
        var ml = new MLContext(1);
        var empty = Assert.Throws<ArgumentException>(() => ml.MultilabelClassification().Evaluate(Tags(ml, [], [])));
        Assert.Contains("without rows", empty.Message);
        var wider = ml.Transforms.Concatenate("Wide", nameof(TagRow.PredictedLabel), nameof(TagRow.PredictedLabel))
            .Fit(Tags(ml, [[true, true, true]], [[true, true, true]])).Transform(Tags(ml, [[true, true, true]], [[true, true, true]]));
        var sizes = Assert.Throws<ArgumentException>(() => ml.MultilabelClassification().Evaluate(wider, predictedLabelColumnName: "Wide"));
        Assert.Contains("Column 'Label' has 3 labels per row but column 'Wide' has 6", sizes.Message);
        var nan = Assert.Throws<ArgumentException>(() => ml.MultilabelClassification().Evaluate(Pairs(ml, [[1, 0], [0, 1]], [[1, 0], [float.NaN, 1]])));
        Assert.Contains("Column 'PredictedLabel', row 1, slot 0", nan.Message);
    }
}
