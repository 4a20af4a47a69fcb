using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Reports;

/// <summary>Hand-made histories for the report tests.</summary>
internal static class ReportData
{
    /// <summary>Three epochs with training and validation loss and accuracy.</summary>
    public static TrainingHistory Full() => History(
        new EpochMetrics(1, 0.9, 0.6, 0.8, 0.65, 0.01, 2.0, 1000),
        new EpochMetrics(2, 0.5, 0.8, 0.55, 0.78, 0.005, 2.5, 1000),
        new EpochMetrics(3, 0.3, 0.9, 0.45, 0.82, 0.0025, 2.0, 1000));

    /// <summary>Two epochs of regression-like training: no accuracy and no validation data.</summary>
    public static TrainingHistory LossOnly() => History(
        new EpochMetrics(1, 1.25, null, null, null, 0.1, 4.0, 500),
        new EpochMetrics(2, 0.75, null, null, null, 0.1, 0, 500));

    public static TrainingHistory History(params EpochMetrics[] epochs)
    {
        var history = new TrainingHistory();
        foreach (var e in epochs) history.Add(e);
        return history;
    }
}
