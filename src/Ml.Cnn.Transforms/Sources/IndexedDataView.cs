using Microsoft.ML;

namespace Ml.Cnn.Transforms;

/// <summary>
/// An <see cref="IDataView"/> over rows reached by index (the IDX, folder and table sources): the row count is known, a cursor
/// given a <see cref="Random"/> visits a permutation drawn from it, a cursor set deals the rows out in blocks, row ids are the
/// row indices, and a value is read only when a getter of an active column asks for it.
/// </summary>
internal sealed class IndexedDataView : IDataView
{
    /// <summary>Rows per block of a cursor set: the blocks go round the cursors, and a block's index is its rows' batch.</summary>
    public const int BlockSize = 64;

    private readonly IReadOnlyList<IndexedColumn> _columns;
    private readonly int _rowCount;

    /// <summary>Creates the view.</summary>
    /// <param name="columns">The columns, in schema order (names must be distinct).</param>
    /// <param name="rowCount">The number of rows; every column reads rows 0..rowCount-1.</param>
    public IndexedDataView(IReadOnlyList<IndexedColumn> columns, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        var builder = new DataViewSchema.Builder();
        foreach (var column in columns) builder.AddColumn(column.Name, column.Type);
        Schema = builder.ToSchema();
        _columns = columns;
        _rowCount = rowCount;
    }

    /// <inheritdoc/>
    public bool CanShuffle => true;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public long? GetRowCount() => _rowCount;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new IndexedCursor(Schema, _columns, _rowCount, Active(columnsNeeded), Order(rand), 0, 1);

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var active = Active(columnsNeeded);
        var order = Order(rand);
        var blocks = (_rowCount + BlockSize - 1) / BlockSize;
        var streams = Math.Max(1, Math.Min(n, blocks));
        return [.. Enumerable.Range(0, streams).Select(stream => new IndexedCursor(Schema, _columns, _rowCount, active, order, stream, streams))];
    }

    private bool[] Active(IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[_columns.Count];
        foreach (var column in columnsNeeded) active[IndexedCursor.Check(Schema, column)] = true;
        return active;
    }

    private int[]? Order(Random? rand)
    {
        if (rand is null) return null;
        var order = new int[_rowCount];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        rand.Shuffle(order);
        return order;
    }
}
