using Ml.Cnn.Legacy;
namespace Ml.Cnn.Metrics;

/// <summary>
/// Binary classification metrics with ML.NET's names. Logarithms are natural (nats), as in
/// <see cref="MulticlassClassificationMetrics"/>; ML.NET's binary evaluator uses base 2, which scales LogLoss and Entropy
/// by 1/ln 2 but leaves LogLossReduction unchanged.
/// </summary>
public sealed class BinaryClassificationMetrics
{
    private const int Negative = 0;
    private const int Positive = 1;

    internal BinaryClassificationMetrics(double areaUnderRocCurve, double areaUnderPrecisionRecallCurve, double logLoss,
        double entropy, ConfusionMatrix confusion)
    {
        AreaUnderRocCurve = areaUnderRocCurve;
        AreaUnderPrecisionRecallCurve = areaUnderPrecisionRecallCurve;
        LogLoss = logLoss;
        Entropy = entropy;
        LogLossReduction = entropy > 0 ? (entropy - logLoss) / entropy : 0;
        ConfusionMatrix = confusion;
        var counts = confusion.Counts;
        Accuracy = (double)(counts[Negative][Negative] + counts[Positive][Positive]) / counts.Sum(row => row.Sum());
        var p = PositivePrecision;
        var r = PositiveRecall;
        F1Score = p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Fraction of rows whose predicted label equals the label.</summary>
    public double Accuracy { get; }

    /// <summary>
    /// Area under the ROC curve of the probabilities: the chance that a random positive row scores above a random negative
    /// row, ties counting 1/2 (Mann-Whitney). <see cref="double.NaN"/> when only one class is present.
    /// </summary>
    public double AreaUnderRocCurve { get; }

    /// <summary>
    /// Area under the precision-recall curve as average precision (scikit-learn's average_precision_score): the sum over
    /// distinct probability thresholds, highest first, of (R_k - R_(k-1)) * P_k. 1 when every row is positive;
    /// <see cref="double.NaN"/> when no row is.
    /// </summary>
    public double AreaUnderPrecisionRecallCurve { get; }

    /// <summary>F1 of the positive class: harmonic mean of <see cref="PositivePrecision"/> and <see cref="PositiveRecall"/> (0 when both are 0).</summary>
    public double F1Score { get; }

    /// <summary>Mean of -[y ln p + (1 - y) ln(1 - p)], p the probability clamped to [1e-15, 1 - 1e-15], in nats.</summary>
    public double LogLoss { get; }

    /// <summary>Relative log-loss gain over predicting the positive rate of the data: (Entropy - LogLoss) / Entropy (0 when Entropy is 0).</summary>
    public double LogLossReduction { get; }

    /// <summary>Entropy of the label prior in nats: the log loss of always predicting the positive rate of the data.</summary>
    public double Entropy { get; }

    /// <summary>Rows rightly predicted positive / rows predicted positive (0 when none is).</summary>
    public double PositivePrecision => ConfusionMatrix.PerClassPrecision[Positive];

    /// <summary>Rows rightly predicted positive / positive rows (0 when none is).</summary>
    public double PositiveRecall => ConfusionMatrix.PerClassRecall[Positive];

    /// <summary>Rows rightly predicted negative / rows predicted negative (0 when none is).</summary>
    public double NegativePrecision => ConfusionMatrix.PerClassPrecision[Negative];

    /// <summary>Rows rightly predicted negative / negative rows (0 when none is).</summary>
    public double NegativeRecall => ConfusionMatrix.PerClassRecall[Negative];

    /// <summary>The confusion matrix of the predicted labels, classes in key order: "False" (index 0), then "True" (index 1).</summary>
    public ConfusionMatrix ConfusionMatrix { get; }
}
