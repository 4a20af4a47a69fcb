using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>A cursor of <see cref="RowIdFilterDataView"/>: moves the input cursor (which it disposes) to the next row kept.</summary>
internal sealed class RowIdFilterCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly ValueGetter<DataViewRowId> _id;
    private readonly IReadOnlySet<DataViewRowId> _ids;
    private readonly bool _keep;
    private long _position = -1;

    /// <summary>Wraps an input cursor.</summary>
    /// <param name="input">The input cursor.</param>
    /// <param name="ids">The ids of the test rows.</param>
    /// <param name="keep">True keeps the rows in <paramref name="ids"/>, false the others.</param>
    public RowIdFilterCursor(DataViewRowCursor input, IReadOnlySet<DataViewRowId> ids, bool keep)
    {
        _input = input;
        _id = input.GetIdGetter();
        _ids = ids;
        _keep = keep;
    }

    /// <inheritdoc/>
    public override DataViewSchema Schema => _input.Schema;

    /// <inheritdoc/>
    public override long Position => _position;

    /// <inheritdoc/>
    public override long Batch => _input.Batch;

    /// <inheritdoc/>
    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    /// <inheritdoc/>
    public override bool IsColumnActive(DataViewSchema.Column column) => _input.IsColumnActive(column);

    /// <inheritdoc/>
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _input.GetGetter<TValue>(column);

    /// <inheritdoc/>
    public override bool MoveNext()
    {
        DataViewRowId id = default;
        while (_input.MoveNext())
        {
            _id(ref id);
            if (_ids.Contains(id) != _keep) continue;
            _position++;
            return true;
        }
        return false;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}
