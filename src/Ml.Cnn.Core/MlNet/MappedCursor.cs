using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.MlNet;

/// <summary>
/// An output cursor of a transform: it moves with the input cursor, takes position, batch and ids from it and columns from
/// the mapping, and disposes both (the mapping when it is disposable).
/// </summary>
/// <param name="input">The input cursor.</param>
/// <param name="mapping">The transform's columns over that cursor.</param>
public sealed class MappedCursor(DataViewRowCursor input, IRowMapping mapping) : DataViewRowCursor
{
    /// <inheritdoc />
    public override DataViewSchema Schema => mapping.Schema;

    /// <inheritdoc />
    public override long Position => input.Position;

    /// <inheritdoc />
    public override long Batch => input.Batch;

    /// <inheritdoc />
    public override bool MoveNext() => input.MoveNext();

    /// <inheritdoc />
    public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

    /// <inheritdoc />
    public override bool IsColumnActive(DataViewSchema.Column column) => mapping.IsColumnActive(column);

    /// <inheritdoc />
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => mapping.GetGetter<TValue>(column);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose();
            (mapping as IDisposable)?.Dispose();
        }
        base.Dispose(disposing);
    }
}
