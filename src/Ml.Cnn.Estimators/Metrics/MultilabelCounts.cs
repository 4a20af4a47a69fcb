namespace Ml.Cnn.Metrics;

/// <summary>
/// The counts behind <see cref="MultilabelClassificationMetrics"/>, filled one row at a time from the true and predicted
/// label sets; shared by every multilabel evaluator so the metrics are computed in one place.
/// </summary>
internal sealed class MultilabelCounts
{
    private readonly long[] _truePositives;
    private readonly long[] _falsePositives;
    private readonly long[] _falseNegatives;
    private long _wrong;
    private long _exact;

    /// <summary>Counts for rows of <paramref name="width"/> labels.</summary>
    public MultilabelCounts(int width)
    {
        Width = width;
        _truePositives = new long[width];
        _falsePositives = new long[width];
        _falseNegatives = new long[width];
    }

    /// <summary>Labels per row.</summary>
    public int Width { get; }

    /// <summary>Rows counted so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Counts one row: which labels it carries and which were predicted.</summary>
    public void Add(ReadOnlySpan<bool> truth, ReadOnlySpan<bool> guess)
    {
        var rowWrong = 0;
        for (var l = 0; l < Width; l++)
        {
            if (truth[l] && guess[l]) _truePositives[l]++;
            else if (guess[l]) _falsePositives[l]++;
            else if (truth[l]) _falseNegatives[l]++;
            if (truth[l] != guess[l]) rowWrong++;
        }
        _wrong += rowWrong;
        if (rowWrong == 0) _exact++;
        Rows++;
    }

    /// <summary>The metrics of the rows counted (at least one), with the labels named in slot order.</summary>
    public MultilabelClassificationMetrics ToMetrics(IReadOnlyList<string> labelNames) =>
        new(labelNames, _truePositives, _falsePositives, _falseNegatives, (double)_wrong / (Rows * Width), (double)_exact / Rows);
}
