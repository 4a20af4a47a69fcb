using Ml.Cnn.Legacy;
namespace Ml.Cnn.Transforms.Tests.Splits;

public class DataCatalogSplitExtensionsTests
{
    /// <summary>Rows 0..n-1 (the Id column), labelled by <paramref name="counts"/> in turn so classes interleave.</summary>
    private static DataView Data(params (string Label, int Count)[] counts)
    {
        var labels = new List<string>();
        var left = counts.ToDictionary(c => c.Label, c => c.Count);
        while (left.Values.Any(v => v > 0))
            foreach (var (label, _) in counts)
                if (left[label] > 0) { labels.Add(label); left[label]--; }
        return new DataView([
            new ScalarColumn<int>("Id", Enumerable.Range(0, labels.Count).ToArray()),
            new ScalarColumn<string>("Label", labels.ToArray()),
        ]);
    }

    private static int[] Ids(DataView view) => view.GetColumn<ScalarColumn<int>>("Id").Values.ToArray();

    private static Dictionary<string, int> Counts(DataView view) =>
        view.GetColumn<ScalarColumn<string>>("Label").Values.CountBy(l => l).ToDictionary();

    [Fact]
    public void EachClassKeepsItsProportionInBothParts()
    {
        var data = Data(("a", 50), ("b", 30), ("c", 20));

        var (train, test) = new CnnContext(1).Data.StratifiedSplit(data, 0.2);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 6, ["c"] = 4 }, Counts(test));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 40, ["b"] = 24, ["c"] = 16 }, Counts(train));
    }

    [Fact]
    public void BothPartsKeepTheOriginalOrderAndTogetherHoldEveryRowOnce()
    {
        var data = Data(("a", 13), ("b", 7));

        var (train, test) = new CnnContext(1).Data.StratifiedSplit(data, 0.3);

        Assert.Equal(Ids(train).Order(), Ids(train));
        Assert.Equal(Ids(test).Order(), Ids(test));
        Assert.Equal(Enumerable.Range(0, 20), Ids(train).Concat(Ids(test)).Order());
    }

    [Fact]
    public void TheSeedMakesTheSplitReproducible()
    {
        var data = Data(("a", 40), ("b", 40));
        var catalog = new CnnContext(5).Data;

        var first = Ids(catalog.StratifiedSplit(data, 0.25, seed: 3).Test);
        var again = Ids(new CnnContext(99).Data.StratifiedSplit(data, 0.25, seed: 3).Test);
        var other = Ids(catalog.StratifiedSplit(data, 0.25, seed: 4).Test);
        var contextSeed = Ids(catalog.StratifiedSplit(data, 0.25).Test);
        var sameContextSeed = Ids(new CnnContext(5).Data.StratifiedSplit(data, 0.25).Test);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(contextSeed, sameContextSeed);
    }

    [Fact]
    public void SmallClassesAppearInBothPartsAndSingletonsStayInTrain()
    {
        var data = Data(("a", 2), ("b", 1), ("c", 5), ("d", 3));

        var (train, test) = new CnnContext(1).Data.StratifiedSplit(data, 0.1);
        var half = new CnnContext(1).Data.StratifiedSplit(data, 0.5).Test;
        var most = new CnnContext(1).Data.StratifiedSplit(data, 0.9).Test;

        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["c"] = 1, ["d"] = 1 }, Counts(test));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 1, ["c"] = 4, ["d"] = 2 }, Counts(train));
        // Round half away from zero: 0.5 x 5 = 2.5 -> 3, 0.5 x 3 = 1.5 -> 2; at most count - 1 go to Test.
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["c"] = 3, ["d"] = 2 }, Counts(half));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["c"] = 4, ["d"] = 2 }, Counts(most));
    }

    [Fact]
    public void ImageFilesAreSplitByPathWithoutBeingRead()
    {
        string[] paths = ["a0.png", "a1.png", "a2.png", "b0.png", "b1.png"];
        var data = new DataView([
            new ImageFileColumn("Image", paths, new ImageShape(3, 8, 8), Ml.Cnn.Engine.ResizeMode.Bilinear),
            new ScalarColumn<string>("Label", ["a", "a", "a", "b", "b"]),
        ]);

        var (train, test) = new CnnContext(1).Data.StratifiedSplit(data, 0.4);

        var trainPaths = train.GetColumn<ImageFileColumn>("Image").Paths;
        var testPaths = test.GetColumn<ImageFileColumn>("Image").Paths;
        Assert.Equal((3, 2), (trainPaths.Count, testPaths.Count));
        Assert.Equal(paths, trainPaths.Concat(testPaths).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.2)]
    [InlineData(double.NaN)]
    public void AFractionOutsideZeroToOneIsRefused(double fraction)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CnnContext(1).Data.StratifiedSplit(Data(("a", 4)), fraction));

        Assert.Equal("testFraction", e.ParamName);
    }

    [Fact]
    public void OtherLabelColumnsAndBoolLabelsWork()
    {
        var data = new DataView([new ScalarColumn<bool>("Positive", [true, false, true, false, true, false, false, false])]);

        var (train, test) = new CnnContext(1).Data.StratifiedSplit(data, 0.25, labelColumnName: "Positive");

        Assert.Equal((6, 2), (train.RowCount, test.RowCount));
        Assert.Equal([false, true], test.GetColumn<ScalarColumn<bool>>("Positive").Values.Order());
        Assert.Throws<ArgumentException>(() => new CnnContext(1).Data.StratifiedSplit(data, 0.25));
    }
}
