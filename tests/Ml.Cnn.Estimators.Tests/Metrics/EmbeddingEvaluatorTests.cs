using Ml.Cnn.Legacy;
using Ml.Cnn.Metrics;

namespace Ml.Cnn.Estimators.Tests.Metrics;

public class EmbeddingEvaluatorTests
{
    private static DataView Embedded(string?[] labels, int width, float[] embeddings) => new([
        new ScalarColumn<string?>("Label", labels),
        new VectorColumn("Embedding", width, embeddings),
    ]);

    [Fact]
    public void Recall_on_points_on_a_line_equals_a_hand_computation()
    {
        // Row: label@x   neighbours by distance (label)           rank of the first same-label row
        // 0: a@0         1 (a) 1                                  0
        // 1: a@1         0 (a) 1, 2 (b) 2                         0
        // 2: b@3         3 (b) 1.5, 1 (a) 2                       0
        // 3: b@4.5       2 (b) 1.5 ties 4 (a) 1.5: row 2 first    0
        // 4: a@6         3 (b) 1.5, 2 (b) 3, 1 (a) 5              2
        // 5: c@20        the only c: not a query
        var data = Embedded(["a", "a", "b", "b", "a", "c"], 1, [0, 1, 3, 4.5f, 6, 20]);
        var m = EmbeddingEvaluator.Evaluate(data, k: [3, 1, 2]);
        Assert.Equal(5, m.QueryCount);
        Assert.Equal([1, 2, 3], m.RecallAtK.Keys);
        Assert.Equal(4.0 / 5, m.Recall(1), 12);
        Assert.Equal(4.0 / 5, m.Recall(2), 12);
        Assert.Equal(1, m.Recall(3), 12);
    }

    [Fact]
    public void A_distance_tie_goes_to_the_lower_row()
    {
        // Query 1 (y@0): row 0 (x) and row 2 (y) are both 2 away; row 0 wins the tie, so Recall@1 misses for row 1.
        // Query 2 (y@2): row 1 (y) is nearest. Row 0 is the only x: not a query. Recall@1 = 1 / 2.
        var m = EmbeddingEvaluator.Evaluate(Embedded(["x", "y", "y"], 1, [-2, 0, 2]), k: [1]);
        Assert.Equal(0.5, m.Recall(1), 12);
    }

    [Fact]
    public void Recall_matches_a_brute_force_search_in_many_dimensions()
    {
        const int n = 60, width = 19;
        var random = new Random(11);
        var labels = Enumerable.Range(0, n).Select(_ => "c" + random.Next(4)).ToArray();
        var values = Enumerable.Range(0, n * width).Select(_ => (float)random.NextDouble()).ToArray();
        double Distance(int i, int j) => Enumerable.Range(0, width).Sum(d => Math.Pow(values[i * width + d] - values[j * width + d], 2));
        var m = EmbeddingEvaluator.Evaluate(Embedded(labels, width, values), k: [1, 3, 10]);
        foreach (var k in new[] { 1, 3, 10 })
        {
            var hits = Enumerable.Range(0, n).Count(i => Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => Distance(i, j)).ThenBy(j => j).Take(k).Any(j => labels[j] == labels[i]));
            Assert.Equal((double)hits / n, m.Recall(k), 12);
        }
    }

    [Fact]
    public void Separated_clusters_have_perfect_recall_and_the_default_k_is_one_and_five()
    {
        var m = EmbeddingEvaluator.Evaluate(Embedded(["a", "a", "b", "b"], 2, [0, 0, 0, 1, 10, 10, 10, 11]));
        Assert.Equal([1, 5], m.RecallAtK.Keys);
        Assert.Equal(1, m.Recall(1));
        Assert.Equal(1, m.Recall(5));
        Assert.Contains("evaluated K: 1, 5", Assert.Throws<ArgumentOutOfRangeException>(() => m.Recall(2)).Message);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var good = Embedded(["a", "a"], 1, [0, 1]);
        Assert.Throws<ArgumentNullException>(() => EmbeddingEvaluator.Evaluate(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingEvaluator.Evaluate(good, k: [1, 0]));
        Assert.Throws<ArgumentException>(() => EmbeddingEvaluator.Evaluate(good, k: []));
        Assert.Contains("without rows", Assert.Throws<ArgumentException>(() => EmbeddingEvaluator.Evaluate(Embedded([], 1, []))).Message);
        Assert.Contains("one row only", Assert.Throws<ArgumentException>(() => EmbeddingEvaluator.Evaluate(Embedded(["a", "b"], 1, [0, 1]))).Message);
        var missing = Assert.Throws<ArgumentException>(() => EmbeddingEvaluator.Evaluate(Embedded(["a", null, "a"], 1, [0, 1, 2])));
        Assert.Contains("'Label', row 1", missing.Message);
        var nan = Assert.Throws<ArgumentException>(() => EmbeddingEvaluator.Evaluate(Embedded(["a", "a", "a"], 2, [0, 0, 1, 1, 2, float.NaN])));
        Assert.Contains("'Embedding', row 2", nan.Message);
    }
}
