using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>
/// A cursor of an <see cref="IndexedDataView"/>: visits the blocks <c>stream, stream + streams, …</c> of the row order (the
/// natural order, or a permutation), reporting each block's index as <see cref="Batch"/> so a cursor set can be merged back
/// into that order.
/// </summary>
internal sealed class IndexedCursor : DataViewRowCursor
{
    private readonly IReadOnlyList<IndexedColumn> _columns;
    private readonly bool[] _active;
    private readonly int[]? _order;
    private readonly int _rowCount;
    private readonly int _skip;
    private long _slot;
    private long _position = -1;
    private long _batch;
    private int _row = -1;

    /// <summary>Creates a cursor.</summary>
    /// <param name="schema">The view's schema.</param>
    /// <param name="columns">The view's columns.</param>
    /// <param name="rowCount">The view's row count.</param>
    /// <param name="active">Which columns are active.</param>
    /// <param name="order">The row order (a permutation of the rows), or null for the natural order.</param>
    /// <param name="stream">This cursor's index in its set.</param>
    /// <param name="streams">The number of cursors in the set.</param>
    public IndexedCursor(DataViewSchema schema, IReadOnlyList<IndexedColumn> columns, int rowCount, bool[] active, int[]? order,
        int stream, int streams)
    {
        Schema = schema;
        _columns = columns;
        _rowCount = rowCount;
        _active = active;
        _order = order;
        _slot = (long)stream * IndexedDataView.BlockSize;
        _skip = (streams - 1) * IndexedDataView.BlockSize;
    }

    /// <inheritdoc/>
    public override DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public override long Position => _position;

    /// <inheritdoc/>
    public override long Batch => _batch;

    /// <summary>The index of the row the cursor is on.</summary>
    /// <exception cref="InvalidOperationException">The cursor is before the first row or past the last.</exception>
    public int Row => _row >= 0 ? _row : throw new InvalidOperationException(
        "The cursor is not on a row: call MoveNext and read values only while it returns true.");

    /// <summary>The index of the column in the schema.</summary>
    /// <param name="schema">The view's schema.</param>
    /// <param name="column">A column.</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is not a column of the schema.</exception>
    public static int Check(DataViewSchema schema, DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= schema.Count || schema[column.Index].Name != column.Name)
            throw new ArgumentOutOfRangeException(nameof(column),
                $"Column '{column.Name}' (index {column.Index}) is not a column of this data; its columns are {string.Join(", ", schema.Select(c => $"'{c.Name}'"))}.");
        return column.Index;
    }

    /// <inheritdoc/>
    public override bool IsColumnActive(DataViewSchema.Column column) => _active[Check(Schema, column)];

    /// <inheritdoc/>
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!IsColumnActive(column))
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; ask for it in the cursor's columnsNeeded.");
        return _columns[column.Index].Getter<TValue>(() => Row);
    }

    /// <inheritdoc/>
    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)Row, 0);

    /// <inheritdoc/>
    public override bool MoveNext()
    {
        if (_slot >= _rowCount)
        {
            _row = -1;
            return false;
        }
        _row = _order is null ? (int)_slot : _order[_slot];
        _batch = _slot / IndexedDataView.BlockSize;
        _position++;
        _slot++;
        if (_slot % IndexedDataView.BlockSize == 0) _slot += _skip;
        return true;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _slot = _rowCount;
        _row = -1;
        base.Dispose(disposing);
    }
}
