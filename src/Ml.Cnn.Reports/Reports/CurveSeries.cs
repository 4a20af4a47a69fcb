using Ml.Cnn.Training;

namespace Ml.Cnn.Reports;

/// <summary>One line of a curves chart: the finite values of one metric, by epoch.</summary>
/// <param name="CssClass">The polyline's class, e.g. <c>series-train-loss</c>.</param>
/// <param name="Legend">The legend text.</param>
/// <param name="Color">The stroke color.</param>
/// <param name="Dashed">Whether the line is dashed (validation), so the series differ without color too.</param>
/// <param name="Points">(epoch, value) pairs, finite values only.</param>
internal sealed record CurveSeries(string CssClass, string Legend, string Color, bool Dashed, IReadOnlyList<(int Epoch, double Value)> Points)
{
    private const string TrainColor = "#2563eb";
    private const string ValidationColor = "#ea580c";

    /// <summary>The train and validation series of one metric that have at least one finite value.</summary>
    /// <param name="history">The history.</param>
    /// <param name="metric">"loss" or "accuracy", used in class names.</param>
    /// <param name="train">The training value of an epoch.</param>
    /// <param name="validation">The validation value of an epoch.</param>
    public static IReadOnlyList<CurveSeries> Of(TrainingHistory history, string metric,
        Func<EpochMetrics, double?> train, Func<EpochMetrics, double?> validation)
    {
        CurveSeries[] all =
        [
            new($"series-train-{metric}", "train", TrainColor, false, Finite(history, train)),
            new($"series-validation-{metric}", "validation", ValidationColor, true, Finite(history, validation)),
        ];
        return all.Where(s => s.Points.Count > 0).ToArray();
    }

    private static IReadOnlyList<(int, double)> Finite(TrainingHistory history, Func<EpochMetrics, double?> value) =>
        history.Epochs.Where(e => value(e) is { } v && double.IsFinite(v)).Select(e => (e.Epoch, value(e)!.Value)).ToArray();
}
