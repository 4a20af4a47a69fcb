namespace Ml.Cnn.Sweeps;

/// <summary>Whether a metric is better high or low, decided from ML.NET's metric names.</summary>
public static class MetricDirection
{
    private static readonly string[] Lower = ["Loss", "Error", "LogLoss", "Distance"];

    /// <summary>
    /// True when larger is better: every metric but losses and errors (<c>LogLoss</c>, <c>ValidationLoss</c>,
    /// <c>MeanAbsoluteError</c>, <c>MeanSquaredError</c>, <c>RootMeanSquaredError</c>, <c>LossFunction</c>, ... end in
    /// Loss or Error; <c>LogLossReduction</c> is larger-better).
    /// </summary>
    /// <param name="metric">The metric's name.</param>
    public static bool Maximize(string metric) =>
        metric.EndsWith("Reduction", StringComparison.Ordinal) || !Lower.Any(suffix => metric.EndsWith(suffix, StringComparison.Ordinal) || metric == "LossFunction");

    /// <summary>Whether <paramref name="a"/> is strictly better than <paramref name="b"/>.</summary>
    /// <param name="a">A value.</param>
    /// <param name="b">Another value.</param>
    /// <param name="maximize">Larger is better.</param>
    public static bool Better(double a, double b, bool maximize) => maximize ? a > b : a < b;
}
