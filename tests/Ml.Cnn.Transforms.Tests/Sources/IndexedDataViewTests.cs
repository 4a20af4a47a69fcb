using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms.Tests.Sources;

public class IndexedDataViewTests
{
    /// <summary>A view of some rows: Number (the row index as Int32) and Name (its text); reads of Number are counted.</summary>
    private sealed class Numbers
    {
        private int _reads;

        private Numbers(int rows)
        {
            var number = IndexedColumn.Create("Number", NumberDataViewType.Int32, (int row, ref int value) =>
            {
                Interlocked.Increment(ref _reads);
                value = row;
            });
            var names = Enumerable.Range(0, rows).Select(i => $"row{i}").ToArray();
            View = new IndexedDataView([number, IndexedColumn.Text("Name", names)], rows);
        }

        public IndexedDataView View { get; }

        public int CountedReads => _reads;

        public static Numbers Create(int rows) => new(rows);
    }

    private static List<int> Visit(DataViewRowCursor cursor)
    {
        var number = cursor.GetGetter<int>(cursor.Schema["Number"]);
        var rows = new List<int>();
        var value = 0;
        while (cursor.MoveNext())
        {
            number(ref value);
            rows.Add(value);
        }
        return rows;
    }

    [Fact]
    public void SchemaRowCountAndShuffleAreKnown()
    {
        var view = Numbers.Create(5).View;

        Assert.True(view.CanShuffle);
        Assert.Equal(5, view.GetRowCount());
        Assert.Equal(["Number", "Name"], view.Schema.Select(c => c.Name));
    }

    [Fact]
    public void WithoutRandomRowsComeInOrderWithTheirIndexAsId()
    {
        var view = Numbers.Create(130).View;
        using var cursor = view.GetRowCursor(view.Schema);
        var id = cursor.GetIdGetter();
        var name = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Name"]);
        DataViewRowId rowId = default;
        ReadOnlyMemory<char> text = default;

        for (var i = 0; i < 130; i++)
        {
            Assert.True(cursor.MoveNext());
            Assert.Equal(i, cursor.Position);
            id(ref rowId);
            name(ref text);
            Assert.Equal(new DataViewRowId((ulong)i, 0), rowId);
            Assert.Equal($"row{i}", text.ToString());
        }
        Assert.False(cursor.MoveNext());
    }

    [Fact]
    public void ARandomVisitsEveryRowOnceInASeededOrder()
    {
        var view = Numbers.Create(200).View;

        var first = Visit(view.GetRowCursor(view.Schema, new Random(7)));
        var again = Visit(view.GetRowCursor(view.Schema, new Random(7)));
        var other = Visit(view.GetRowCursor(view.Schema, new Random(8)));

        Assert.Equal(Enumerable.Range(0, 200), first.Order());
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(Enumerable.Range(0, 200), first);
    }

    [Fact]
    public void IdsFollowTheRowsWhenShuffled()
    {
        var view = Numbers.Create(50).View;
        using var cursor = view.GetRowCursor(view.Schema, new Random(3));
        var id = cursor.GetIdGetter();
        var number = cursor.GetGetter<int>(view.Schema["Number"]);
        DataViewRowId rowId = default;
        var value = 0;

        while (cursor.MoveNext())
        {
            id(ref rowId);
            number(ref value);
            Assert.Equal((ulong)value, rowId.Low);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(100)]
    public void ACursorSetCoversEveryRowOnceAndItsBatchesRestoreTheOrder(int n)
    {
        var view = Numbers.Create(500).View;
        var order = Visit(view.GetRowCursor(view.Schema, new Random(5)));

        var cursors = view.GetRowCursorSet(view.Schema, n, new Random(5));
        var rows = new List<(long Batch, long Position, int Row)>();
        foreach (var cursor in cursors)
        {
            var number = cursor.GetGetter<int>(view.Schema["Number"]);
            var value = 0;
            var lastBatch = -1L;
            while (cursor.MoveNext())
            {
                number(ref value);
                Assert.True(cursor.Batch >= lastBatch);
                lastBatch = cursor.Batch;
                rows.Add((cursor.Batch, cursor.Position, value));
            }
            cursor.Dispose();
        }

        Assert.InRange(cursors.Length, 1, n);
        Assert.Equal(Enumerable.Range(0, 500), rows.Select(r => r.Row).Order());
        Assert.Equal(order, rows.OrderBy(r => r.Batch).ThenBy(r => r.Position).Select(r => r.Row));
    }

    [Fact]
    public void ValuesAreReadOnlyWhenAGetterAsks()
    {
        var numbers = Numbers.Create(20);
        var view = numbers.View;

        using (var cursor = view.GetRowCursor([view.Schema["Name"]]))
            while (cursor.MoveNext()) { }
        Assert.Equal(0, numbers.CountedReads);

        Assert.Equal(20, Visit(view.GetRowCursor(view.Schema)).Count);
        Assert.Equal(20, numbers.CountedReads);
    }

    [Fact]
    public void AnInactiveColumnOrAWrongTypeIsRefusedNamingTheColumn()
    {
        var view = Numbers.Create(3).View;
        using var cursor = view.GetRowCursor([view.Schema["Name"]]);

        Assert.False(cursor.IsColumnActive(view.Schema["Number"]));
        var inactive = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<int>(view.Schema["Number"]));
        Assert.Contains("'Number' is not active", inactive.Message);
        var wrongType = Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(view.Schema["Name"]));
        Assert.Contains("Column 'Name' is String; ask for a getter of ReadOnlyMemory<Char>, not Single", wrongType.Message);
    }

    [Fact]
    public void ReadingBeforeMoveNextOrAfterTheEndThrows()
    {
        var view = Numbers.Create(1).View;
        using var cursor = view.GetRowCursor(view.Schema);
        var number = cursor.GetGetter<int>(view.Schema["Number"]);
        var value = 0;

        Assert.Throws<InvalidOperationException>(() => number(ref value));
        Assert.True(cursor.MoveNext());
        number(ref value);
        Assert.False(cursor.MoveNext());
        Assert.Contains("not on a row", Assert.Throws<InvalidOperationException>(() => number(ref value)).Message);
    }

    [Fact]
    public void MlNetReadsTheViewLikeItsOwn()
    {
        var ml = new MLContext(seed: 1);
        var view = Numbers.Create(300).View;

        var shuffled = ml.Data.ShuffleRows(view, seed: 2);
        var numbers = ml.Data.CreateEnumerable<NumberRow>(shuffled, reuseRowObject: false).Select(r => r.Number).ToList();
        var cached = ml.Data.CreateEnumerable<NumberRow>(ml.Data.Cache(view), reuseRowObject: false).Select(r => r.Number);

        Assert.Equal(Enumerable.Range(0, 300), numbers.Order());
        Assert.NotEqual(Enumerable.Range(0, 300), numbers);
        Assert.Equal(Enumerable.Range(0, 300), cached);
    }

    /// <summary>A row of the Number column.</summary>
    private sealed class NumberRow
    {
        public int Number { get; set; }
    }
}
