namespace Ml.Cnn.Core.Tests.Data;

public class VectorColumnTests
{
    [Fact]
    public void RowsAreWidthValuesEach()
    {
        var column = new VectorColumn("Score", 2, [0.1f, 0.9f, 0.7f, 0.3f, 0.5f, 0.5f]);
        Assert.Equal(3, column.RowCount);
        Assert.Equal(2, column.Width);
        Assert.Equal([0.7f, 0.3f], column.GetRow(1).ToArray());
        Assert.Equal("Vector<Single, 2>", column.TypeName);
        Assert.Null(column.SlotNames);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Constructor_RejectsNonPositiveWidth(int width)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VectorColumn("Score", width, []));
    }

    [Fact]
    public void Constructor_RejectsValuesNotAMultipleOfWidth()
    {
        var e = Assert.Throws<ArgumentException>(() => new VectorColumn("Score", 3, new float[4]));
        Assert.Contains("'Score'", e.Message);
        Assert.Contains("width 3", e.Message);
    }

    [Fact]
    public void Constructor_RejectsSlotNamesOfTheWrongCount()
    {
        var e = Assert.Throws<ArgumentException>(() => new VectorColumn("Score", 3, new float[6], ["a", "b"]));
        Assert.Contains("2 slot names", e.Message);
    }

    [Fact]
    public void Select_CopiesRowsInOrderAndKeepsSlotNames()
    {
        var values = new float[] { 1, 2, 3, 4, 5, 6 };
        var column = new VectorColumn("Score", 3, values, ["cat", "dog", "fox"]);
        var selected = Assert.IsType<VectorColumn>(column.Select([1, 0, 1]));
        values[3] = -1;
        Assert.Equal([4f, 5f, 6f, 1f, 2f, 3f, 4f, 5f, 6f], selected.Values.ToArray());
        Assert.Equal(["cat", "dog", "fox"], selected.SlotNames!);
        Assert.Equal(3, selected.Width);
    }
}
