using Ml.Cnn.Legacy;
namespace Ml.Cnn.Metrics;

/// <summary>
/// Regression metrics with ML.NET's names. With several outputs, each metric is the mean over outputs of that output's
/// metric (so <see cref="RootMeanSquaredError"/> is the mean of the per-output RMSEs), and <see cref="PerOutput"/> holds them.
/// </summary>
public sealed class RegressionMetrics
{
    internal RegressionMetrics(double meanAbsoluteError, double meanSquaredError, double rootMeanSquaredError, double rSquared,
        IReadOnlyList<RegressionMetrics> perOutput)
    {
        MeanAbsoluteError = meanAbsoluteError;
        MeanSquaredError = meanSquaredError;
        RootMeanSquaredError = rootMeanSquaredError;
        RSquared = rSquared;
        PerOutput = perOutput;
    }

    /// <summary>Mean of |label - score|.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>Mean of (label - score)^2.</summary>
    public double MeanSquaredError { get; }

    /// <summary>Square root of <see cref="MeanSquaredError"/> (per output, then averaged over outputs).</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>
    /// Coefficient of determination 1 - SS_res / SS_tot, SS_tot the squared deviations of the labels from their mean.
    /// For constant labels (SS_tot = 0) it is 1 when the scores equal them and <see cref="double.NaN"/> otherwise.
    /// Negative when the scores are worse than predicting the label mean.
    /// </summary>
    public double RSquared { get; }

    /// <summary>The mean of the loss function, ML.NET's default L2 loss: equal to <see cref="MeanSquaredError"/>.</summary>
    public double LossFunction => MeanSquaredError;

    /// <summary>The metrics of each output, in slot order; empty when there is one output.</summary>
    public IReadOnlyList<RegressionMetrics> PerOutput { get; }
}
