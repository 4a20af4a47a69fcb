using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Features;
using Ml.Cnn.Heads;

namespace Ml.Cnn.Metrics;

/// <summary>
/// Computes <see cref="MultilabelClassificationMetrics"/> from ML.NET data (what
/// <c>mlContext.MultilabelClassification().Evaluate</c> calls), reading the label and predicted-label columns with one cursor.
/// </summary>
internal static class MultilabelClassificationEvaluator
{
    /// <summary>Evaluates <paramref name="data"/>; a missing or mistyped column, unequal sizes, no rows or a NaN value throw naming the column.</summary>
    public static MultilabelClassificationMetrics Evaluate(IDataView data, string labelColumnName, string predictedLabelColumnName)
    {
        ArgumentNullException.ThrowIfNull(data);
        var label = Column(data.Schema, labelColumnName, "label");
        var predicted = Column(data.Schema, predictedLabelColumnName, "predicted-label");
        var width = ((VectorDataViewType)label.Type).Size;
        var predictedWidth = ((VectorDataViewType)predicted.Type).Size;
        if (predictedWidth != width)
            throw new ArgumentException($"Column '{labelColumnName}' has {width} labels per row but column '{predictedLabelColumnName}' has {predictedWidth}; " +
                "they must match (evaluate the output of the model trained on this label).", nameof(data));
        var names = MultilabelHead.SlotNames(predicted) ?? MultilabelHead.SlotNames(label)
            ?? Enumerable.Range(0, width).Select(l => l.ToString(CultureInfo.InvariantCulture)).ToArray();
        var counts = new MultilabelCounts(width);
        var truth = new bool[width];
        var guess = new bool[width];
        using (var cursor = data.GetRowCursor([label, predicted]))
        {
            var readTruth = Reader(cursor, label);
            var readGuess = Reader(cursor, predicted);
            while (cursor.MoveNext())
            {
                readTruth(truth);
                readGuess(guess);
                counts.Add(truth, guess);
            }
        }
        if (counts.Rows == 0) throw new ArgumentException("Cannot evaluate data without rows.", nameof(data));
        return counts.ToMetrics(names);
    }

    private static DataViewSchema.Column Column(DataViewSchema schema, string name, string role)
    {
        var column = schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException("data",
            $"The {role} column '{name}' is not in the data. Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
        if (!MultilabelHead.Accepts(column.Type))
            throw new ArgumentOutOfRangeException("data", $"Schema mismatch for {role} column '{name}': expected a known-size vector of Boolean or Single, " +
                $"got {ImageFeatureColumn.Describe(column.Type)}. Evaluate the output of mlContext.MultilabelClassification().Trainers.Cnn, whose label is such a vector.");
        return column;
    }

    /// <summary>Reads the current row's vector into which labels are present (Single values: above the multilabel threshold).</summary>
    private static Action<bool[]> Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (((VectorDataViewType)column.Type).ItemType == BooleanDataViewType.Instance)
        {
            var booleans = cursor.GetGetter<VBuffer<bool>>(column);
            VBuffer<bool> buffer = default;
            return present =>
            {
                booleans(ref buffer);
                buffer.CopyTo(present);
            };
        }
        var singles = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> values = default;
        return present =>
        {
            singles(ref values);
            var slot = 0;
            foreach (var value in values.DenseValues())
            {
                if (float.IsNaN(value))
                    throw new ArgumentException($"Column '{column.Name}', row {cursor.Position}, slot {slot}: value is NaN; expected 0 or 1.");
                present[slot++] = MultilabelDecision.IsPresent(value);
            }
        };
    }
}
