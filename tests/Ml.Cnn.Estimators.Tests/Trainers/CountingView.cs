using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>Passes a view through and counts how many image values its cursors hand out.</summary>
internal sealed class CountingView(IDataView source, string image) : IDataView
{
    private int _read;
    private int _cursors;

    public string Image => image;

    public int ImagesRead => _read;

    public int CursorsWithImages => _cursors;

    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => source.Schema;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var columns = columnsNeeded.ToList();
        if (columns.Any(c => c.Name == image)) Interlocked.Increment(ref _cursors);
        return new Cursor(this, source.GetRowCursor(columns, rand));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(CountingView view, DataViewRowCursor input) : DataViewRowCursor
    {
        public override DataViewSchema Schema => input.Schema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override bool MoveNext() => input.MoveNext();

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => input.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var getter = input.GetGetter<TValue>(column);
            if (column.Name != view.Image) return getter;
            return (ref TValue value) =>
            {
                Interlocked.Increment(ref view._read);
                getter(ref value);
            };
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) input.Dispose();
            base.Dispose(disposing);
        }
    }
}
