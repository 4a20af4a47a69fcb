using Microsoft.ML;
using Ml.Cnn.MlNet;

namespace Ml.Cnn.Scoring;

/// <summary>
/// The CNN's columns over one input row or cursor: input columns pass through, score columns read the current row's network
/// outputs from <paramref name="outputs"/> (a read-ahead batch for cursors, one prediction for a row).
/// </summary>
internal sealed class ScoringColumns(DataViewSchema schema, DataViewRow input, HashSet<int> active, CnnTransformer transformer,
    Func<float[]> outputs, IDisposable? owned = null) : IRowMapping, IDisposable
{
    public DataViewSchema Schema => schema;

    public bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

    public ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column)) throw new InvalidOperationException($"Column '{column.Name}' was not asked for when the cursor was made.");
        var inputCount = input.Schema.Count;
        if (column.Index < inputCount) return input.GetGetter<TValue>(input.Schema[column.Index]);
        return transformer.Head.Getter(column.Index - inputCount, outputs) as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
    }

    public void Dispose() => owned?.Dispose();
}
