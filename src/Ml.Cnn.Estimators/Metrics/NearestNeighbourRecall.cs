using System.Numerics;

namespace Ml.Cnn.Metrics;

/// <summary>
/// Recall@K of embeddings by exact nearest-neighbour search, shared by every embedding evaluator: every row whose label
/// occurs at least twice is a query against all other rows (O(n²) distances, computed in parallel, with memory linear in n).
/// </summary>
internal static class NearestNeighbourRecall
{
    /// <summary>The K values evaluated when the caller names none.</summary>
    public static IReadOnlyList<int> DefaultK { get; } = [1, 5];

    /// <summary>The distinct K values in increasing order; none, or one below 1, is refused.</summary>
    public static int[] CheckK(IReadOnlyList<int>? k)
    {
        var ks = (k ?? DefaultK).Distinct().Order().ToArray();
        if (ks.Length == 0) throw new ArgumentException("Give at least one K for Recall@K.", nameof(k));
        if (ks[0] < 1) throw new ArgumentOutOfRangeException(nameof(k), ks[0], "Every K of Recall@K must be at least 1.");
        return ks;
    }

    /// <summary>
    /// The metrics of <paramref name="ids"/>.Length rows of <paramref name="width"/> embedding values each; ids number the
    /// labels 0, 1, ... A non-finite embedding value names its column and row.
    /// </summary>
    public static EmbeddingMetrics Compute(int[] ids, float[] embeddings, int width, int[] ks, string labelColumnName, string embeddingColumnName)
    {
        var n = ids.Length;
        if (n == 0) throw new ArgumentException("Cannot evaluate data without rows.", "data");
        for (var i = 0; i < embeddings.Length; i++)
            if (!float.IsFinite(embeddings[i]))
                throw new ArgumentException(FormattableString.Invariant(
                    $"Column '{embeddingColumnName}', row {i / width}: value {embeddings[i]} is not finite."), "data");
        var rowsPerLabel = new int[ids.Max() + 1];
        foreach (var id in ids) rowsPerLabel[id]++;
        var ranks = new int[n];
        Parallel.For(0, n, () => new float[n], (i, _, distances) =>
        {
            ranks[i] = rowsPerLabel[ids[i]] > 1 ? NeighbourRank(embeddings, width, ids, i, distances) : -1;
            return distances;
        }, _ => { });
        var queries = ranks.Count(r => r >= 0);
        if (queries == 0)
            throw new ArgumentException(
                $"Column '{labelColumnName}': every label occurs on one row only, so no row has a same-label neighbour to find.", "data");
        var recall = new SortedDictionary<int, double>();
        foreach (var kk in ks) recall[kk] = (double)ranks.Count(r => r >= 0 && r < kk) / queries;
        return new EmbeddingMetrics(recall, queries);
    }

    /// <summary>How many other rows come before the query's nearest same-label row, ordered by (distance, row index).</summary>
    private static int NeighbourRank(float[] embeddings, int width, int[] ids, int query, float[] distances)
    {
        var q = embeddings.AsSpan(query * width, width);
        var best = -1;
        for (var j = 0; j < distances.Length; j++)
        {
            if (j == query) continue;
            distances[j] = SquaredDistance(q, embeddings.AsSpan(j * width, width));
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
