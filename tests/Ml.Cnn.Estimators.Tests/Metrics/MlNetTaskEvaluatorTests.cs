using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Estimators.Tests.Metrics;

/// <summary>
/// The evaluators of <c>mlContext.MultilabelClassification()</c> and <c>mlContext.Embeddings()</c> over ML.NET data, on
/// the hand-computed cases of the legacy evaluators' tests (both share the computation).
/// </summary>
public class MlNetTaskEvaluatorTests
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

    public sealed class PointRow
    {
        public string Label { get; set; } = "";

        [VectorType(1)]
        public float[] Score { get; set; } = [];
    }

    private static IDataView Tags(MLContext ml, bool[][] truth, bool[][] predicted) =>
        ml.Data.LoadFromEnumerable(truth.Select((t, i) => new TagRow
        {
            Label = t, PredictedLabel = predicted[i], Probability = predicted[i].Select(p => p ? 0.9f : 0.1f).ToArray(),
        }));

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
    public void MultilabelEvaluationRefusesNoRowsAndUnequalSizes()
    {
        var ml = new MLContext(1);
        var empty = Assert.Throws<ArgumentException>(() => ml.MultilabelClassification().Evaluate(Tags(ml, [], [])));
        Assert.Contains("without rows", empty.Message);
        var wider = ml.Transforms.Concatenate("Wide", nameof(TagRow.PredictedLabel), nameof(TagRow.PredictedLabel))
            .Fit(Tags(ml, [[true, true, true]], [[true, true, true]])).Transform(Tags(ml, [[true, true, true]], [[true, true, true]]));
        var sizes = Assert.Throws<ArgumentException>(() => ml.MultilabelClassification().Evaluate(wider, predictedLabelColumnName: "Wide"));
        Assert.Contains("Column 'Label' has 3 labels per row but column 'Wide' has 6", sizes.Message);
    }

    [Fact]
    public void RecallOnPointsOnALineEqualsAHandComputationForTextAndKeyLabels()
    {
        // The legacy EmbeddingEvaluatorTests' case: a@0 a@1 b@3 b@4.5 a@6 c@20 gives Recall@1 = Recall@2 = 4/5, Recall@3 = 1.
        var ml = new MLContext(1);
        float[] x = [0, 1, 3, 4.5f, 6, 20];
        string[] labels = ["a", "a", "b", "b", "a", "c"];
        var text = ml.Data.LoadFromEnumerable(labels.Select((l, i) => new PointRow { Label = l, Score = [x[i]] }));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(text).Transform(text);
        foreach (var data in new[] { text, keyed })
        {
            var m = ml.Embeddings().Evaluate(data, k: [3, 1, 2]);
            Assert.Equal(5, m.QueryCount);
            Assert.Equal([1, 2, 3], m.RecallAtK.Keys);
            Assert.Equal(4.0 / 5, m.Recall(1), 12);
            Assert.Equal(4.0 / 5, m.Recall(2), 12);
            Assert.Equal(1, m.Recall(3), 12);
        }
    }

    [Fact]
    public void EmbeddingEvaluationNamesAMissingLabelAndANonFiniteValue()
    {
        var ml = new MLContext(1);
        var missing = ml.Data.LoadFromEnumerable(new[] { new PointRow { Label = "a", Score = [0] }, new PointRow { Label = "", Score = [1] } });
        Assert.Contains("Column 'Label', row 1: the label is missing", Assert.Throws<ArgumentException>(() => ml.Embeddings().Evaluate(missing)).Message);
        var nan = ml.Data.LoadFromEnumerable(new[] { new PointRow { Label = "a", Score = [0] }, new PointRow { Label = "a", Score = [float.NaN] } });
        Assert.Contains("Column 'Score', row 1", Assert.Throws<ArgumentException>(() => ml.Embeddings().Evaluate(nan)).Message);
        var single = ml.Data.LoadFromEnumerable(new[] { new PointRow { Label = "a", Score = [0] }, new PointRow { Label = "b", Score = [1] } });
        Assert.Contains("one row only", Assert.Throws<ArgumentException>(() => ml.Embeddings().Evaluate(single)).Message);
    }
}
