namespace Ml.Cnn.Core.Tests.Data;

public class LabelKeyMapTests
{
    [Fact]
    public void FromLabels_OrdersIntegerLabelsNumerically()
    {
        var map = LabelKeyMap.FromLabels(["10", "2", "9", "2", "1", "-3"]);
        Assert.Equal(["-3", "1", "2", "9", "10"], map.Values);
        Assert.Equal(5, map.Count);
    }

    [Fact]
    public void FromLabels_TreatsNonCanonicalIntegersAsTextSoOrderIsStable()
    {
        var map = LabelKeyMap.FromLabels(["1", "01", "2", " 3"]);
        Assert.Equal([" 3", "01", "1", "2"], map.Values);
    }

    [Fact]
    public void FromLabels_OrdersOrdinallyWhenAnyLabelIsNotAnInteger()
    {
        var map = LabelKeyMap.FromLabels(["10", "2", "cat", "Dog", "2"]);
        Assert.Equal(["10", "2", "Dog", "cat"], map.Values);
    }

    [Fact]
    public void Constructor_KeepsTheGivenOrder()
    {
        var map = new LabelKeyMap(["zebra", "ant"]);
        Assert.True(map.TryGetKey("zebra", out var key));
        Assert.Equal(0, key);
        Assert.False(map.TryGetKey("bee", out _));
    }

    [Fact]
    public void Constructor_RejectsRepeatedValues()
    {
        var e = Assert.Throws<ArgumentException>(() => new LabelKeyMap(["a", "b", "a"]));
        Assert.Contains("'a'", e.Message);
    }

    [Fact]
    public void Constructor_RejectsFewerThanTwoClasses()
    {
        Assert.Throws<ArgumentException>(() => LabelKeyMap.FromLabels(["only", "only"]));
    }

    [Fact]
    public void ToKeys_MapsEveryLabel()
    {
        var map = LabelKeyMap.FromLabels(["1", "0", "2"]);
        Assert.Equal([2L, 0L, 1L, 2L], map.ToKeys(["2", "0", "1", "2"]));
    }

    [Fact]
    public void ToKeys_UnknownLabelNamesTheRowAndTheKnownLabels()
    {
        var map = LabelKeyMap.FromLabels(["cat", "dog"]);
        var e = Assert.Throws<ArgumentException>(() => map.ToKeys(["dog", "cat", "fox"]));
        Assert.Contains("Row 2", e.Message);
        Assert.Contains("'fox'", e.Message);
        Assert.Contains("cat, dog", e.Message);
    }
}
