using Ml.Cnn.Legacy;

namespace Ml.Cnn.Metrics;

/// <summary>Computes <see cref="EmbeddingMetrics"/> from an embedded view (Label + Embedding) by exact nearest-neighbour search.</summary>
public static class EmbeddingEvaluator
{
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
        var ks = NearestNeighbourRecall.CheckK(k);
        if (data.RowCount == 0) throw new ArgumentException("Cannot evaluate data without rows.", nameof(data));
        var ids = LabelIds(data.GetColumn<ScalarColumn<string>>(labelColumnName));
        var embeddings = data.GetColumn<VectorColumn>(embeddingColumnName);
        return NearestNeighbourRecall.Compute(ids, embeddings.Values.ToArray(), embeddings.Width, ks, labelColumnName, embeddingColumnName);
    }

    private static int[] LabelIds(ScalarColumn<string> labels)
    {
        var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new int[labels.RowCount];
        for (var i = 0; i < ids.Length; i++)
        {
            var label = labels.Values[i] ?? throw new ArgumentException($"Column '{labels.Name}', row {i}: the label is missing.");
            if (!idOf.TryGetValue(label, out var id)) id = idOf[label] = idOf.Count;
            ids[i] = id;
        }
        return ids;
    }
}
