using Ml.Cnn.Legacy;
using System.Globalization;

namespace Ml.Cnn.Metrics;

/// <summary>Computes <see cref="MultilabelClassificationMetrics"/> from a scored view (Label + PredictedLabels, one slot per label).</summary>
public static class MultilabelEvaluator
{
    /// <summary>
    /// Evaluates scored data. Both columns are vectors of 0/1 values of the same width; a value above
    /// <see cref="MultilabelDecision.Threshold"/> means the label is present. Label names are the slot names of the predicted column, else "0", "1", ...
    /// </summary>
    /// <param name="data">The output of a multilabel model's Transform.</param>
    /// <param name="labelColumnName">The label column (vector, 1 = label present).</param>
    /// <param name="predictedLabelsColumnName">The predicted labels column (vector, 1 = label predicted).</param>
    public static MultilabelClassificationMetrics Evaluate(DataView data, string labelColumnName = DefaultColumnNames.Label,
        string predictedLabelsColumnName = DefaultColumnNames.PredictedLabels)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.RowCount == 0) throw new ArgumentException("Cannot evaluate data without rows.", nameof(data));
        var labels = data.GetColumn<VectorColumn>(labelColumnName);
        var predicted = data.GetColumn<VectorColumn>(predictedLabelsColumnName);
        if (labels.Width != predicted.Width)
            throw new ArgumentException(
                $"Column '{labelColumnName}' has {labels.Width} labels per row but column '{predictedLabelsColumnName}' has {predicted.Width}; they must match.",
                nameof(data));
        var width = labels.Width;
        var counts = new MultilabelCounts(width);
        var truth = new bool[width];
        var guess = new bool[width];
        for (var i = 0; i < data.RowCount; i++)
        {
            Present(labels, i, truth);
            Present(predicted, i, guess);
            counts.Add(truth, guess);
        }
        return counts.ToMetrics(predicted.SlotNames ?? Enumerable.Range(0, width).Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray());
    }

    private static void Present(VectorColumn column, int row, bool[] present)
    {
        var values = column.GetRow(row);
        for (var l = 0; l < values.Length; l++)
        {
            if (float.IsNaN(values[l]))
                throw new ArgumentException($"Column '{column.Name}', row {row}, slot {l}: value is NaN; expected 0 or 1.");
            present[l] = MultilabelDecision.IsPresent(values[l]);
        }
    }
}
