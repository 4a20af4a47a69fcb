using Microsoft.ML;

namespace Ml.Cnn.Transforms.Tests.Balancing;

/// <summary>Passes an IDataView through and records the columns each cursor asked for.</summary>
/// <param name="inner">The data.</param>
public sealed class ColumnRecordingDataView(IDataView inner) : IDataView
{
    public List<string[]> CursorColumns { get; } = [];

    public bool CanShuffle => inner.CanShuffle;

    public DataViewSchema Schema => inner.Schema;

    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var columns = columnsNeeded.ToArray();
        CursorColumns.Add([.. columns.Select(c => c.Name)]);
        return inner.GetRowCursor(columns, rand);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var columns = columnsNeeded.ToArray();
        CursorColumns.Add([.. columns.Select(c => c.Name)]);
        return inner.GetRowCursorSet(columns, n, rand);
    }
}
