using Ml.Cnn.Legacy;
using System.Globalization;
using System.Text;

namespace Ml.Cnn.Metrics;

/// <summary>Counts of (true class, predicted class) pairs, with per-class precision and recall (ML.NET's ConfusionMatrix).</summary>
public sealed class ConfusionMatrix
{
    /// <summary>Creates a matrix.</summary>
    /// <param name="labels">Class label values, in key order.</param>
    /// <param name="counts">counts[truth][predicted].</param>
    public ConfusionMatrix(IReadOnlyList<string> labels, long[][] counts)
    {
        Labels = labels;
        Counts = counts;
        PerClassPrecision = Enumerable.Range(0, labels.Count).Select(k => Ratio(counts[k][k], counts.Sum(row => row[k]))).ToArray();
        PerClassRecall = Enumerable.Range(0, labels.Count).Select(k => Ratio(counts[k][k], counts[k].Sum())).ToArray();
    }

    /// <summary>The class label values.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Counts[truth][predicted].</summary>
    public IReadOnlyList<IReadOnlyList<long>> Counts { get; }

    /// <summary>Number of classes.</summary>
    public int NumberOfClasses => Labels.Count;

    /// <summary>Precision per class: correct predictions of the class / all predictions of it (0 when never predicted).</summary>
    public IReadOnlyList<double> PerClassPrecision { get; }

    /// <summary>Recall per class: correct predictions of the class / rows of it (0 when absent).</summary>
    public IReadOnlyList<double> PerClassRecall { get; }

    /// <summary>The matrix as a text table, truth in rows and predictions in columns, with recall per row and precision per column.</summary>
    public string GetFormattedConfusionTable()
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
