using Ml.Cnn.Legacy;
using System.Numerics;

namespace Ml.Cnn.Metrics;

/// <summary>Computes <see cref="EmbeddingMetrics"/> from an embedded view (Label + Embedding) by exact nearest-neighbour search.</summary>
public static class EmbeddingEvaluator
{
    private static readonly int[] DefaultK = [1, 5];

    /// <summary>
    /// Evaluates embedded data: every row whose label occurs at least twice is a query against all other rows
    /// (O(n²) distances, computed in parallel, with memory linear in n). A missing label or a non-finite embedding value
    /// names its column and row.
    /// </summary>
    /// <param name="data">The output of an embedding model's Transform.</param>
    /// <param name="labelColumnName">The label column (text).</param>
    /// <param name="embeddingColumnName">The embedding column (vector).</param>
    /// <param name="k">The K values of Recall@K, each at least 1. Default [1, 5].</param>
    public static EmbeddingMetrics Evaluate(DataView data, string labelColumnName = DefaultColumnNames.Label,
        string embeddingColumnName = DefaultColumnNames.Embedding, IReadOnlyList<int>? k = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var ks = (k ?? DefaultK).Distinct().Order().ToArray();
        if (ks.Length == 0) throw new ArgumentException("Give at least one K for Recall@K.", nameof(k));
        if (ks[0] < 1) throw new ArgumentOutOfRangeException(nameof(k), ks[0], "Every K of Recall@K must be at least 1.");
        if (data.RowCount == 0) throw new ArgumentException("Cannot evaluate data without rows.", nameof(data));
        var ids = LabelIds(data.GetColumn<ScalarColumn<string>>(labelColumnName), out var rowsPerLabel);
        var embeddings = data.GetColumn<VectorColumn>(embeddingColumnName);
        var values = embeddings.Values;
        for (var i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw new ArgumentException(FormattableString.Invariant(
                    $"Column '{embeddingColumnName}', row {i / embeddings.Width}: value {values[i]} is not finite."), nameof(data));
        var n = data.RowCount;
        var ranks = new int[n];
        Parallel.For(0, n, () => new float[n], (i, _, distances) =>
        {
            ranks[i] = rowsPerLabel[ids[i]] > 1 ? NeighbourRank(embeddings, ids, i, distances) : -1;
            return distances;
        }, _ => { });
        var queries = ranks.Count(r => r >= 0);
        if (queries == 0)
            throw new ArgumentException(
                $"Column '{labelColumnName}': every label occurs on one row only, so no row has a same-label neighbour to find.", nameof(data));
        var recall = new SortedDictionary<int, double>();
        foreach (var kk in ks) recall[kk] = (double)ranks.Count(r => r >= 0 && r < kk) / queries;
        return new EmbeddingMetrics(recall, queries);
    }

    private static int[] LabelIds(ScalarColumn<string> labels, out int[] rowsPerLabel)
    {
        var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new int[labels.RowCount];
        var counts = new List<int>();
        for (var i = 0; i < ids.Length; i++)
        {
            var label = labels.Values[i] ?? throw new ArgumentException($"Column '{labels.Name}', row {i}: the label is missing.");
            if (!idOf.TryGetValue(label, out var id))
            {
                id = idOf[label] = counts.Count;
                counts.Add(0);
            }
            ids[i] = id;
            counts[id]++;
        }
        rowsPerLabel = counts.ToArray();
        return ids;
    }

    /// <summary>How many other rows come before the query's nearest same-label row, ordered by (distance, row index).</summary>
    private static int NeighbourRank(VectorColumn embeddings, int[] ids, int query, float[] distances)
    {
        var q = embeddings.GetRow(query);
        var best = -1;
        for (var j = 0; j < distances.Length; j++)
        {
            if (j == query) continue;
            distances[j] = SquaredDistance(q, embeddings.GetRow(j));
            if (ids[j] == ids[query] && (best < 0 || distances[j] < distances[best])) best = j;
        }
        var rank = 0;
        for (var j = 0; j < distances.Length; j++)
            if (j != query && (distances[j] < distances[best] || (distances[j] == distances[best] && j < best))) rank++;
        return rank;
    }

    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sums = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var d = new Vector<float>(a[i..]) - new Vector<float>(b[i..]);
            sums += d * d;
        }
        var sum = Vector.Sum(sums);
        for (; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return sum;
    }
}
