namespace Ml.Cnn.Metrics;

/// <summary>
/// Multilabel metrics: each row may carry any subset of the labels. A precision, recall or F1 whose denominator is 0
/// (a label never predicted, or never present) is 0, as in ML.NET's confusion matrix.
/// </summary>
public sealed class MultilabelClassificationMetrics
{
    internal MultilabelClassificationMetrics(IReadOnlyList<string> labelNames, long[] truePositives, long[] falsePositives,
        long[] falseNegatives, double hammingLoss, double subsetAccuracy)
    {
        LabelNames = labelNames;
        PerLabelPrecision = truePositives.Select((tp, l) => Ratio(tp, tp + falsePositives[l])).ToArray();
        PerLabelRecall = truePositives.Select((tp, l) => Ratio(tp, tp + falseNegatives[l])).ToArray();
        PerLabelF1 = truePositives.Select((tp, l) => Ratio(2 * tp, 2 * tp + falsePositives[l] + falseNegatives[l])).ToArray();
        MacroF1 = PerLabelF1.Average();
        var tpSum = truePositives.Sum();
        MicroF1 = Ratio(2 * tpSum, 2 * tpSum + falsePositives.Sum() + falseNegatives.Sum());
        HammingLoss = hammingLoss;
        SubsetAccuracy = subsetAccuracy;
    }

    /// <summary>The label of each slot, in slot order.</summary>
    public IReadOnlyList<string> LabelNames { get; }

    /// <summary>Precision per label: rows rightly predicted to carry it / rows predicted to carry it.</summary>
    public IReadOnlyList<double> PerLabelPrecision { get; }

    /// <summary>Recall per label: rows rightly predicted to carry it / rows carrying it.</summary>
    public IReadOnlyList<double> PerLabelRecall { get; }

    /// <summary>F1 per label: 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall.</summary>
    public IReadOnlyList<double> PerLabelF1 { get; }

    /// <summary>Mean of <see cref="PerLabelF1"/> over all labels.</summary>
    public double MacroF1 { get; }

    /// <summary>F1 of the counts summed over labels: 2 ΣTP / (2 ΣTP + ΣFP + ΣFN).</summary>
    public double MicroF1 { get; }

    /// <summary>Fraction of (row, label) decisions that are wrong.</summary>
    public double HammingLoss { get; }

    /// <summary>Fraction of rows whose predicted label set equals the true set exactly.</summary>
    public double SubsetAccuracy { get; }

    private static double Ratio(long a, long b) => b == 0 ? 0 : (double)a / b;
}
