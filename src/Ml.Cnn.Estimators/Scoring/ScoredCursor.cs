using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Scoring;

/// <summary>A cursor over <see cref="ScoredDataView"/>: input columns come from the input's cursor, scores from <see cref="ScoringBatch"/>.</summary>
internal sealed class ScoredCursor(DataViewSchema schema, int inputCount, DataViewRowCursor input, ScoringBatch? batch, HashSet<int> active,
    CnnTransformer transformer) : DataViewRowCursor
{
    public override DataViewSchema Schema => schema;

    public override long Position => input.Position;

    public override long Batch => input.Batch;

    public override bool MoveNext() => input.MoveNext();

    public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column)) throw new InvalidOperationException($"Column '{column.Name}' was not asked for when the cursor was made.");
        if (column.Index < inputCount) return input.GetGetter<TValue>(input.Schema[column.Index]);
        return transformer.Head.Getter(column.Index - inputCount, () => batch!.OutputsAt(input.Position)) as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose();
            batch?.Dispose();
        }
        base.Dispose(disposing);
    }
}
