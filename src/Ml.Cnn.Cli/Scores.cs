using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Cli;

/// <summary>A scored column read whole: every row's values (one for a scalar column) and the slot names of a vector column.</summary>
/// <param name="Rows">Each row's values.</param>
/// <param name="IsVector">Whether the column is a vector.</param>
/// <param name="SlotNames">The vector's slot names, or null.</param>
internal sealed record Scores(float[][] Rows, bool IsVector, string[]? SlotNames)
{
    /// <summary>Reads a Single or vector-of-Single column.</summary>
    public static Scores Read(IDataView data, string name)
    {
        var column = data.Schema[name];
        var rows = new List<float[]>();
        using var cursor = data.GetRowCursor([column]);
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> values = default;
            while (cursor.MoveNext())
            {
                getter(ref values);
                rows.Add([.. values.DenseValues()]);
            }
            var slots = ClassLabels.SlotNames(column);
            return new Scores([.. rows], true, slots.Length > 0 ? slots : null);
        }
        var scalar = cursor.GetGetter<float>(column);
        float value = 0;
        while (cursor.MoveNext())
        {
            scalar(ref value);
            rows.Add([value]);
        }
        return new Scores([.. rows], false, null);
    }
}
