using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Estimators.Tests.Metrics;

/// <summary><c>mlContext.Embeddings().Evaluate</c> (Recall@K by exact Euclidean neighbours) on hand-computed cases over ML.NET data.</summary>
public class EmbeddingRetrievalEvaluatorTests
{
    public sealed class PointRow
    {
        public string Label { get; set; } = "";

        [VectorType(1)]
        public float[] Score { get; set; } = [];
    }

    /// <summary>A row of a wider embedding.</summary>
    public sealed class VectorRow
    {
        public string Label { get; set; } = "";

        [VectorType(19)]
        public float[] Score { get; set; } = [];
    }

    private static IDataView Points(MLContext ml, string[] labels, float[] x) =>
        ml.Data.LoadFromEnumerable(labels.Select((l, i) => new PointRow { Label = l, Score = [x[i]] }));

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
    public void ADistanceTieGoesToTheLowerRow()
    {
        // Query 1 (y@0): row 0 (x) and row 2 (y) are both 2 away; row 0 wins the tie, so Recall@1 misses for row 1.
        // Query 2 (y@2): row 1 (y) is nearest. Row 0 is the only x: not a query. Recall@1 = 1 / 2.
        var ml = new MLContext(1);
        Assert.Equal(0.5, ml.Embeddings().Evaluate(Points(ml, ["x", "y", "y"], [-2, 0, 2]), k: [1]).Recall(1), 12);
    }

    [Fact]
    public void RecallMatchesABruteForceSearchInManyDimensions()
    {
        const int n = 60, width = 19;
        var random = new Random(11);
        var rows = Enumerable.Range(0, n).Select(_ => new VectorRow
        {
            Label = "c" + random.Next(4), Score = [.. Enumerable.Range(0, width).Select(_ => (float)random.NextDouble())],
        }).ToArray();
        double Distance(int i, int j) => Enumerable.Range(0, width).Sum(d => Math.Pow(rows[i].Score[d] - rows[j].Score[d], 2));
        var ml = new MLContext(1);
        var m = ml.Embeddings().Evaluate(ml.Data.LoadFromEnumerable(rows), k: [1, 3, 10]);
        foreach (var k in new[] { 1, 3, 10 })
        {
            var hits = Enumerable.Range(0, n).Count(i => Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => Distance(i, j)).ThenBy(j => j).Take(k).Any(j => rows[j].Label == rows[i].Label));
            Assert.Equal((double)hits / n, m.Recall(k), 12);
        }
    }

    [Fact]
    public void SeparatedClustersHavePerfectRecallAndTheDefaultKIsOneAndFive()
    {
        var ml = new MLContext(1);
        var m = ml.Embeddings().Evaluate(Points(ml, ["a", "a", "b", "b"], [0, 1, 10, 11]));
        Assert.Equal([1, 5], m.RecallAtK.Keys);
        Assert.Equal(1, m.Recall(1));
        Assert.Equal(1, m.Recall(5));
        Assert.Contains("evaluated K: 1, 5", Assert.Throws<ArgumentOutOfRangeException>(() => m.Recall(2)).Message);
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
        var good = Points(ml, ["a", "a"], [0, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Embeddings().Evaluate(good, k: [1, 0]));
        Assert.Throws<ArgumentException>(() => ml.Embeddings().Evaluate(good, k: []));
        Assert.Contains("without rows", Assert.Throws<ArgumentException>(() => ml.Embeddings().Evaluate(Points(ml, [], []))).Message);
    }
}
