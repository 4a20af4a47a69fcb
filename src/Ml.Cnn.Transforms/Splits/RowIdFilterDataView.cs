using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>
/// One part of the ML.NET stratified split: the input's rows whose id is in a set (or not in it), streamed from the input's
/// cursors with the input's schema; the row count is known from the first pass.
/// </summary>
/// <param name="input">The data that was split.</param>
/// <param name="ids">The ids of the test rows.</param>
/// <param name="keep">True keeps the rows in <paramref name="ids"/> (Test), false the others (Train).</param>
/// <param name="rowCount">The number of rows kept.</param>
internal sealed class RowIdFilterDataView(IDataView input, IReadOnlySet<DataViewRowId> ids, bool keep, long rowCount) : IDataView
{
    /// <inheritdoc/>
    public bool CanShuffle => input.CanShuffle;

    /// <inheritdoc/>
    public DataViewSchema Schema => input.Schema;

    /// <inheritdoc/>
    public long? GetRowCount() => rowCount;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new RowIdFilterCursor(input.GetRowCursor(columnsNeeded, rand), ids, keep);

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [.. input.GetRowCursorSet(columnsNeeded, n, rand).Select(cursor => new RowIdFilterCursor(cursor, ids, keep))];
}
