using System.Globalization;
using System.Text;

namespace Ml.Cnn.Reports;

/// <summary>
/// Counts of (true class, predicted class) pairs with the class labels, the per-class precision, recall and F1 they give,
/// and their text table. ML.NET's <see cref="Microsoft.ML.Data.ConfusionMatrix"/> holds the counts but neither the labels
/// nor F1; <see cref="FromMlNet"/> adds them.
/// </summary>
public sealed class ConfusionTable
{
    /// <summary>Creates a table.</summary>
    /// <param name="labels">The class labels, in key order.</param>
    /// <param name="counts">counts[truth][predicted], one row and one column per label.</param>
    /// <exception cref="ArgumentException">The counts are not labels × labels.</exception>
    public ConfusionTable(IReadOnlyList<string> labels, IReadOnlyList<IReadOnlyList<long>> counts)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count != labels.Count || counts.Any(row => row.Count != labels.Count))
            throw new ArgumentException($"The confusion counts must be {labels.Count} x {labels.Count}, one row and one column per label.", nameof(counts));
        Labels = labels;
        Counts = counts;
        PerClassPrecision = Enumerable.Range(0, labels.Count).Select(k => Ratio(counts[k][k], counts.Sum(row => row[k]))).ToArray();
        PerClassRecall = Enumerable.Range(0, labels.Count).Select(k => Ratio(counts[k][k], counts[k].Sum())).ToArray();
        PerClassF1 = PerClassPrecision.Zip(PerClassRecall, (p, r) => p + r == 0 ? 0 : 2 * p * r / (p + r)).ToArray();
    }

    /// <summary>The class labels, in key order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Counts[truth][predicted].</summary>
    public IReadOnlyList<IReadOnlyList<long>> Counts { get; }

    /// <summary>Precision per class: correct predictions of the class / all predictions of it (0 when never predicted).</summary>
    public IReadOnlyList<double> PerClassPrecision { get; }

    /// <summary>Recall per class: correct predictions of the class / rows of it (0 when absent).</summary>
    public IReadOnlyList<double> PerClassRecall { get; }

    /// <summary>F1 per class: the harmonic mean of precision and recall (0 when both are 0).</summary>
    public IReadOnlyList<double> PerClassF1 { get; }

    /// <summary>The table of ML.NET's multiclass confusion matrix, whose classes are the keys 1..K named by <paramref name="labels"/>.</summary>
    /// <param name="matrix">ML.NET's confusion matrix (e.g. <c>MulticlassClassificationMetrics.ConfusionMatrix</c>).</param>
    /// <param name="labels">The key values, in key order.</param>
    /// <exception cref="ArgumentException">The matrix has another number of classes than <paramref name="labels"/>.</exception>
    public static ConfusionTable FromMlNet(Microsoft.ML.Data.ConfusionMatrix matrix, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(labels);
        if (matrix.NumberOfClasses != labels.Count)
            throw new ArgumentException($"The confusion matrix has {matrix.NumberOfClasses} classes but {labels.Count} labels were given.", nameof(labels));
        return new ConfusionTable(labels, matrix.Counts.Select(row => (IReadOnlyList<long>)row.Select(c => (long)Math.Round(c)).ToArray()).ToArray());
    }

    /// <summary>The per-class rows of a report's table.</summary>
    public IReadOnlyList<PerClassRow> PerClassRows() =>
        Labels.Select((label, k) => new PerClassRow(label, PerClassPrecision[k], PerClassRecall[k], PerClassF1[k])).ToArray();

    /// <summary>The matrix as a text table, truth in rows and predictions in columns, with recall per row and precision per column.</summary>
    public string Format()
    {
        var width = Math.Max(7, Math.Max(Labels.Max(l => l.Length), Counts.SelectMany(r => r).Max().ToString(CultureInfo.InvariantCulture).Length) + 1);
        var sb = new StringBuilder();
        sb.AppendLine("Confusion table (rows: truth, columns: predicted)");
        sb.Append("Truth".PadRight(width)).Append(" |");
        foreach (var l in Labels) sb.Append(l.PadLeft(width));
        sb.AppendLine(" | Recall");
        sb.AppendLine(new string('-', width * (Labels.Count + 1) + 11));
        for (var t = 0; t < Labels.Count; t++)
        {
            sb.Append(Labels[t].PadRight(width)).Append(" |");
            foreach (var c in Counts[t]) sb.Append(c.ToString(CultureInfo.InvariantCulture).PadLeft(width));
            sb.AppendLine(FormattableString.Invariant($" | {PerClassRecall[t]:F4}"));
        }
        sb.AppendLine(new string('-', width * (Labels.Count + 1) + 11));
        sb.Append("Precision".PadRight(width)).Append(" |");
        foreach (var p in PerClassPrecision) sb.Append(p.ToString("F4", CultureInfo.InvariantCulture).PadLeft(width));
        return sb.ToString();
    }

    private static double Ratio(long a, long b) => b == 0 ? 0 : (double)a / b;
}
