using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Trainers;

/// <summary>The rows of a data view whose row id a predicate keeps (the validation part of a split, for ML.NET's evaluators).</summary>
internal sealed class RowFilterView(IDataView source, Func<DataViewRowId, bool> keep) : IDataView
{
    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => source.Schema;

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(source.GetRowCursor(columnsNeeded, rand), keep);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(DataViewRowCursor input, Func<DataViewRowId, bool> keep) : DataViewRowCursor
    {
        private readonly ValueGetter<DataViewRowId> _id = input.GetIdGetter();
        private long _position = -1;
        private DataViewRowId _current;

        public override DataViewSchema Schema => input.Schema;

        public override long Position => _position;

        public override long Batch => input.Batch;

        public override bool MoveNext()
        {
            while (input.MoveNext())
            {
                _id(ref _current);
                if (!keep(_current)) continue;
                _position++;
                return true;
            }
            _position = -1;
            return false;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => input.IsColumnActive(column);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => input.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing) input.Dispose();
            base.Dispose(disposing);
        }
    }
}
