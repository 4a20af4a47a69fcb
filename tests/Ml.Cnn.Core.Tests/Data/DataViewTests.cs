namespace Ml.Cnn.Core.Tests.Data;

public class DataViewTests
{
    private static readonly ImageShape Shape = new(1, 1, 2);

    // Row i has pixels (10i, 10i+1), label "Li" and weight i+0.5.
    private static DataView ThreeRows() => new([
        new ImageColumn("Image", Shape, [0, 1, 10, 11, 20, 21]),
        new ScalarColumn<string>("Label", ["L0", "L1", "L2"]),
        new ScalarColumn<float>("Weight", [0.5f, 1.5f, 2.5f]),
    ]);

    [Fact]
    public void Constructor_KeepsSchemaOrderAndRowCount()
    {
        var view = ThreeRows();
        Assert.Equal(3, view.RowCount);
        Assert.Equal(["Image", "Label", "Weight"], view.Columns.Select(c => c.Name));
        Assert.Equal(
            string.Join(Environment.NewLine, "Image: Image 1x1x2", "Label: String", "Weight: Single"),
            view.Schema);
    }

    [Fact]
    public void Constructor_RejectsNoColumns()
    {
        Assert.Throws<ArgumentException>(() => new DataView([]));
    }

    [Fact]
    public void Constructor_RejectsDuplicateNames()
    {
        var e = Assert.Throws<ArgumentException>(() => new DataView([
            new ScalarColumn<string>("Label", ["a"]),
            new ScalarColumn<float>("Label", [1f]),
        ]));
        Assert.Contains("'Label'", e.Message);
    }

    [Fact]
    public void Constructor_RejectsUnequalRowCountsNamingBothColumns()
    {
        var e = Assert.Throws<ArgumentException>(() => new DataView([
            new ScalarColumn<string>("Label", ["a", "b", "c"]),
            new ScalarColumn<float>("Weight", [1f, 2f]),
        ]));
        Assert.Contains("'Weight' has 2 rows", e.Message);
        Assert.Contains("'Label' has 3", e.Message);
    }

    [Fact]
    public void HasColumn_IsCaseSensitive()
    {
        var view = ThreeRows();
        Assert.True(view.HasColumn("Label"));
        Assert.False(view.HasColumn("label"));
    }

    [Fact]
    public void GetColumn_ReturnsTheTypedColumn()
    {
        var labels = ThreeRows().GetColumn<ScalarColumn<string>>("Label");
        Assert.Equal(["L0", "L1", "L2"], labels.Values);
    }

    [Fact]
    public void GetColumn_MissingNameListsTheColumnsThatExist()
    {
        var e = Assert.Throws<ArgumentException>(() => ThreeRows().GetColumn<ImageColumn>("Features"));
        Assert.Contains("'Features'", e.Message);
        Assert.Contains("Image, Label, Weight", e.Message);
    }

    [Fact]
    public void GetColumn_WrongTypeNamesActualAndExpectedTypes()
    {
        var e = Assert.Throws<ArgumentException>(() => ThreeRows().GetColumn<ImageColumn>("Label"));
        Assert.Contains("String", e.Message);
        Assert.Contains(nameof(ImageColumn), e.Message);
    }

    [Fact]
    public void WithColumn_AddsAColumnAndLeavesTheOriginalUnchanged()
    {
        var view = ThreeRows();
        var extended = view.WithColumn(new ScalarColumn<int>("Key", [2, 0, 1]));
        Assert.True(extended.HasColumn("Key"));
        Assert.False(view.HasColumn("Key"));
        Assert.Equal(4, extended.Columns.Count);
        Assert.Same(view.GetColumn<ImageColumn>("Image"), extended.GetColumn<ImageColumn>("Image"));
    }

    [Fact]
    public void WithColumn_ReplacesTheColumnOfTheSameName()
    {
        var replaced = ThreeRows().WithColumn(new ScalarColumn<string>("Label", ["x", "y", "z"]));
        Assert.Equal(3, replaced.Columns.Count);
        Assert.Equal(["x", "y", "z"], replaced.GetColumn<ScalarColumn<string>>("Label").Values);
    }

    [Fact]
    public void WithColumn_RejectsAColumnWithADifferentRowCount()
    {
        var e = Assert.Throws<ArgumentException>(() => ThreeRows().WithColumn(new ScalarColumn<int>("Key", [1, 2])));
        Assert.Contains("'Key'", e.Message);
    }

    [Fact]
    public void Select_TakesTheRowsInTheGivenOrderFromEveryColumn()
    {
        var picked = ThreeRows().Select([2, 0, 2]);
        Assert.Equal(3, picked.RowCount);
        Assert.Equal(new byte[] { 20, 21, 0, 1, 20, 21 }, picked.GetColumn<ImageColumn>("Image").Pixels.ToArray());
        Assert.Equal(["L2", "L0", "L2"], picked.GetColumn<ScalarColumn<string>>("Label").Values);
        Assert.Equal([2.5f, 0.5f, 2.5f], picked.GetColumn<ScalarColumn<float>>("Weight").Values);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void Select_RejectsRowsOutsideTheView(int row)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ThreeRows().Select([0, row]));
        Assert.Equal(row, e.ActualValue);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(10, 3)]
    [InlineData(0, 0)]
    [InlineData(-4, 0)]
    public void Take_KeepsAtMostCountRowsFromTheStart(int count, int expected)
    {
        var taken = ThreeRows().Take(count);
        Assert.Equal(expected, taken.RowCount);
        Assert.Equal(ThreeRows().GetColumn<ScalarColumn<string>>("Label").Values.Take(expected),
            taken.GetColumn<ScalarColumn<string>>("Label").Values);
    }
}
