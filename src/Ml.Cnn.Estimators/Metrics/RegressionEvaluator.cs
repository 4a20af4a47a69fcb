using Ml.Cnn.Legacy;
namespace Ml.Cnn.Metrics;

/// <summary>Computes <see cref="RegressionMetrics"/> from a scored view (Label + Score, one output or several).</summary>
public static class RegressionEvaluator
{
    /// <summary>
    /// Evaluates scored data. Label and Score are each a float scalar column (one output) or a vector column (one slot per
    /// output) of the same width; a value that is not finite names its column and row.
    /// </summary>
    /// <param name="data">The output of a regression model's Transform.</param>
    /// <param name="labelColumnName">The label column (float scalar or vector).</param>
    /// <param name="scoreColumnName">The Score column (float scalar or vector, as wide as the label).</param>
    public static RegressionMetrics Evaluate(DataView data, string labelColumnName = DefaultColumnNames.Label,
        string scoreColumnName = DefaultColumnNames.Score)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.RowCount == 0) throw new ArgumentException("Cannot evaluate data without rows.", nameof(data));
        var (labelWidth, labels) = Read(data, labelColumnName);
        var (scoreWidth, scores) = Read(data, scoreColumnName);
        if (labelWidth != scoreWidth)
            throw new ArgumentException(
                $"Column '{labelColumnName}' has {labelWidth} outputs per row but column '{scoreColumnName}' has {scoreWidth}; they must match.",
                nameof(data));
        var perOutput = Enumerable.Range(0, labelWidth).Select(o => ForOutput(labels, scores, labelWidth, o)).ToArray();
        if (perOutput.Length == 1) return perOutput[0];
        return new RegressionMetrics(perOutput.Average(m => m.MeanAbsoluteError), perOutput.Average(m => m.MeanSquaredError),
            perOutput.Average(m => m.RootMeanSquaredError), perOutput.Average(m => m.RSquared), perOutput);
    }

    private static (int Width, float[] Values) Read(DataView data, string column)
    {
        var (width, values) = data.GetColumn<DataColumn>(column) switch
        {
            ScalarColumn<float> scalar => (1, scalar.Values.ToArray()),
            VectorColumn vector => (vector.Width, vector.Values.ToArray()),
            var other => throw new ArgumentException(
                $"Column '{column}' is {other.TypeName}, expected a Single scalar or vector column.", nameof(data)),
        };
        for (var i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw new ArgumentException(FormattableString.Invariant(
                    $"Column '{column}', row {i / width}: value {values[i]} is not finite."), nameof(data));
        return (width, values);
    }

    private static RegressionMetrics ForOutput(float[] labels, float[] scores, int width, int output)
    {
        var n = labels.Length / width;
        double labelSum = 0;
        for (var i = 0; i < n; i++) labelSum += labels[i * width + output];
        var labelMean = labelSum / n;
        double absolute = 0, squared = 0, total = 0;
        for (var i = 0; i < n; i++)
        {
            double label = labels[i * width + output];
            var error = label - scores[i * width + output];
            absolute += Math.Abs(error);
            squared += error * error;
            total += (label - labelMean) * (label - labelMean);
        }
        var rSquared = total > 0 ? 1 - squared / total : squared == 0 ? 1 : double.NaN;
        return new RegressionMetrics(absolute / n, squared / n, Math.Sqrt(squared / n), rSquared, []);
    }
}
