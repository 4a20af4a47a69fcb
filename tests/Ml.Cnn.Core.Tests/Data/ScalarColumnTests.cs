namespace Ml.Cnn.Core.Tests.Data;

public class ScalarColumnTests
{
    [Fact]
    public void HoldsOneValuePerRow()
    {
        var column = new ScalarColumn<float>("Weight", [1f, 0.5f]);
        Assert.Equal(2, column.RowCount);
        Assert.Equal([1f, 0.5f], column.Values);
        Assert.Equal("Single", column.TypeName);
        Assert.Equal("Weight", column.Name);
    }

    [Fact]
    public void Constructor_RejectsNullValues()
    {
        Assert.Throws<ArgumentNullException>(() => new ScalarColumn<string>("Label", null!));
    }

    [Fact]
    public void Select_CopiesRowsInOrderIncludingRepeats()
    {
        var values = new[] { "a", "b", "c" };
        var column = new ScalarColumn<string>("Label", values);
        var selected = Assert.IsType<ScalarColumn<string>>(column.Select([2, 2, 0]));
        values[2] = "changed";
        Assert.Equal(["c", "c", "a"], selected.Values);
        Assert.Equal("Label", selected.Name);
    }

    [Fact]
    public void Select_OfNoRowsIsEmpty()
    {
        Assert.Equal(0, new ScalarColumn<int>("Key", [1, 2]).Select([]).RowCount);
    }
}
