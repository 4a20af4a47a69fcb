namespace Ml.Cnn.Metrics;

/// <summary>Retrieval metrics of an embedding: how often a row's nearest neighbours include a row of the same label.</summary>
public sealed class EmbeddingMetrics
{
    internal EmbeddingMetrics(IReadOnlyDictionary<int, double> recallAtK, int queryCount)
    {
        RecallAtK = recallAtK;
        QueryCount = queryCount;
    }

    /// <summary>
    /// Recall@K for each evaluated K, in increasing K: the fraction of query rows for which at least one of the K nearest
    /// other rows (Euclidean distance, ties broken by lower row index) has the query's label.
    /// </summary>
    public IReadOnlyDictionary<int, double> RecallAtK { get; }

    /// <summary>Number of query rows: rows whose label occurs on at least one other row (the others are skipped).</summary>
    public int QueryCount { get; }

    /// <summary>Recall@K for one evaluated K.</summary>
    /// <param name="k">One of the evaluated K values (see <see cref="RecallAtK"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">K was not evaluated.</exception>
    public double Recall(int k) => RecallAtK.TryGetValue(k, out var recall)
        ? recall
        : throw new ArgumentOutOfRangeException(nameof(k), k, $"Recall@{k} was not evaluated; evaluated K: {string.Join(", ", RecallAtK.Keys)}.");
}
