using Ml.Cnn.Legacy;
namespace Ml.Cnn.Metrics;

/// <summary>Multiclass metrics with ML.NET's names and meanings.</summary>
public sealed class MulticlassClassificationMetrics
{
    internal MulticlassClassificationMetrics(double micro, double macro, double logLoss, double logLossReduction, int topK,
        double topKAccuracy, IReadOnlyList<double> perClassLogLoss, ConfusionMatrix confusion)
    {
        MicroAccuracy = micro;
        MacroAccuracy = macro;
        LogLoss = logLoss;
        LogLossReduction = logLossReduction;
        TopKPredictionCount = topK;
        TopKAccuracy = topKAccuracy;
        PerClassLogLoss = perClassLogLoss;
        ConfusionMatrix = confusion;
        PerClassF1 = confusion.PerClassPrecision.Zip(confusion.PerClassRecall, (p, r) => p + r == 0 ? 0 : 2 * p * r / (p + r)).ToArray();
    }

    /// <summary>Fraction of rows predicted right (accuracy over all rows).</summary>
    public double MicroAccuracy { get; }

    /// <summary>Mean over classes of each class's accuracy (its recall).</summary>
    public double MacroAccuracy { get; }

    /// <summary>Mean of -ln p(true class), with p floored at 1e-15.</summary>
    public double LogLoss { get; }

    /// <summary>Relative log-loss gain over predicting the class frequencies of the data: (LL(prior) - LL) / LL(prior).</summary>
    public double LogLossReduction { get; }

    /// <summary>The k of <see cref="TopKAccuracy"/>.</summary>
    public int TopKPredictionCount { get; }

    /// <summary>Fraction of rows whose true class is among the k highest scores.</summary>
    public double TopKAccuracy { get; }

    /// <summary>Log loss of the rows of each class (0 for a class without rows).</summary>
    public IReadOnlyList<double> PerClassLogLoss { get; }

    /// <summary>Precision per class.</summary>
    public IReadOnlyList<double> PerClassPrecision => ConfusionMatrix.PerClassPrecision;

    /// <summary>Recall per class.</summary>
    public IReadOnlyList<double> PerClassRecall => ConfusionMatrix.PerClassRecall;

    /// <summary>F1 per class: harmonic mean of precision and recall.</summary>
    public IReadOnlyList<double> PerClassF1 { get; }

    /// <summary>The confusion matrix.</summary>
    public ConfusionMatrix ConfusionMatrix { get; }
}
