using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms.Tests.Images;

namespace Ml.Cnn.Transforms.Tests.Splits;

public class StratifiedSplitCatalogExtensionsTests
{
    /// <summary>A row: an id and a text label.</summary>
    private sealed class Row
    {
        public int Id { get; set; }

        public string Label { get; set; } = "";
    }

    /// <summary>A row with a Boolean label.</summary>
    private sealed class FlagRow
    {
        public int Id { get; set; }

        public bool Label { get; set; }
    }

    /// <summary>Rows 0..n-1 (Id), labelled by <paramref name="counts"/> in turn so classes interleave.</summary>
    private static IDataView Data(MLContext ml, params (string Label, int Count)[] counts)
    {
        var rows = new List<Row>();
        var left = counts.ToDictionary(c => c.Label, c => c.Count);
        while (left.Values.Any(v => v > 0))
            foreach (var (label, _) in counts)
                if (left[label] > 0)
                {
                    rows.Add(new Row { Id = rows.Count, Label = label });
                    left[label]--;
                }
        return ml.Data.LoadFromEnumerable(rows);
    }

    private static List<Row> Rows(MLContext ml, IDataView view) => [.. ml.Data.CreateEnumerable<Row>(view, reuseRowObject: false)];

    private static Dictionary<string, int> Counts(MLContext ml, IDataView view) => Rows(ml, view).CountBy(r => r.Label).ToDictionary();

    [Fact]
    public void EachClassKeepsItsProportionInBothParts()
    {
        var ml = new MLContext(1);

        var split = ml.Data.StratifiedTrainTestSplit(Data(ml, ("a", 50), ("b", 30), ("c", 20)), 0.2);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 6, ["c"] = 4 }, Counts(ml, split.TestSet));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 40, ["b"] = 24, ["c"] = 16 }, Counts(ml, split.TrainSet));
        Assert.Equal(20, split.TestSet.GetRowCount());
        Assert.Equal(80, split.TrainSet.GetRowCount());
    }

    [Fact]
    public void BothPartsKeepTheInputsOrderAndSchemaAndTogetherHoldEveryRowOnce()
    {
        var ml = new MLContext(1);
        var data = Data(ml, ("a", 13), ("b", 7));

        var split = ml.Data.StratifiedTrainTestSplit(data, 0.3);
        var train = Rows(ml, split.TrainSet).Select(r => r.Id).ToList();
        var test = Rows(ml, split.TestSet).Select(r => r.Id).ToList();

        Assert.Same(data.Schema, split.TrainSet.Schema);
        Assert.Equal(train.Order(), train);
        Assert.Equal(test.Order(), test);
        Assert.Equal(Enumerable.Range(0, 20), train.Concat(test).Order());
    }

    [Fact]
    public void TheSeedMakesTheSplitReproducible()
    {
        IEnumerable<int> TestIds(MLContext ml, int? seed) =>
            Rows(ml, ml.Data.StratifiedTrainTestSplit(Data(ml, ("a", 40), ("b", 40)), 0.25, seed: seed).TestSet).Select(r => r.Id);

        Assert.Equal(TestIds(new MLContext(1), 3), TestIds(new MLContext(2), 3));
        Assert.NotEqual(TestIds(new MLContext(1), 3), TestIds(new MLContext(1), 4));
        Assert.Equal(TestIds(new MLContext(5), null), TestIds(new MLContext(5), null));
    }

    [Fact]
    public void SmallClassesAppearInBothPartsAndSingletonsStayInTrain()
    {
        var ml = new MLContext(1);
        var data = Data(ml, ("a", 2), ("b", 1), ("c", 5), ("d", 3));

        var tenth = ml.Data.StratifiedTrainTestSplit(data, 0.1);
        var half = ml.Data.StratifiedTrainTestSplit(data, 0.5).TestSet;
        var most = ml.Data.StratifiedTrainTestSplit(data, 0.9).TestSet;

        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["c"] = 1, ["d"] = 1 }, Counts(ml, tenth.TestSet));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 1, ["c"] = 4, ["d"] = 2 }, Counts(ml, tenth.TrainSet));
        // Round half away from zero: 0.5 x 5 = 2.5 -> 3, 0.5 x 3 = 1.5 -> 2; at most count - 1 go to Test.
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["c"] = 3, ["d"] = 2 }, Counts(ml, half));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["c"] = 4, ["d"] = 2 }, Counts(ml, most));
    }

    [Fact]
    public void ASplitOfLoadIdxKeepsEveryImageWithItsLabel()
    {
        using var folder = new TempFolder();
        byte[] labels = [.. Enumerable.Range(0, 90).Select(i => (byte)(i * 7 % 4))];
        IdxFiles.WriteImages(folder.File("train-images-idx3-ubyte"), 90, 1, 1, IdxFiles.Ramp(90));
        IdxFiles.WriteLabels(folder.File("train-labels-idx1-ubyte"), labels);
        var ml = new MLContext(1);

        var split = ml.Data.StratifiedTrainTestSplit(ml.Data.LoadIdx(folder.Path, "train"), 0.3, seed: 11);
        var train = ImagesAndLabels(split.TrainSet);
        var test = ImagesAndLabels(split.TestSet);

        // Each 1x1 image's pixel is its row in the files, so it names the label it must carry.
        Assert.All(train.Concat(test), row => Assert.Equal($"{labels[row.Pixel]}", row.Label));
        Assert.Equal(Enumerable.Range(0, 90), train.Concat(test).Select(r => (int)r.Pixel).Order());
        // 23, 23, 22 and 22 rows per class: round(0.3 x 23) = 7 and round(0.3 x 22) = 7 of each go to Test.
        Assert.All(test.CountBy(r => r.Label), c => Assert.Equal(7, c.Value));
    }

    private static List<(byte Pixel, string Label)> ImagesAndLabels(IDataView view)
    {
        var rows = new List<(byte, string)>();
        using var cursor = view.GetRowCursor(view.Schema);
        var image = cursor.GetGetter<VBuffer<byte>>(view.Schema["Image"]);
        var label = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["Label"]);
        VBuffer<byte> pixels = default;
        ReadOnlyMemory<char> text = default;
        while (cursor.MoveNext())
        {
            image(ref pixels);
            label(ref text);
            rows.Add((Assert.Single(pixels.DenseValues()), text.ToString()));
        }
        return rows;
    }

    [Fact]
    public void KeyLabelsSplitByTheirValues()
    {
        var ml = new MLContext(1);
        var data = Data(ml, ("a", 20), ("b", 10));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Key", "Label").Fit(data).Transform(data);

        var byKey = ml.Data.StratifiedTrainTestSplit(keyed, 0.5, "Key", seed: 2);
        var byText = ml.Data.StratifiedTrainTestSplit(data, 0.5, seed: 2);

        Assert.Equal(Rows(ml, byText.TestSet).Select(r => r.Id), Rows(ml, byKey.TestSet).Select(r => r.Id));
    }

    [Fact]
    public void BooleanLabelsAreTwoClasses()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new FlagRow { Id = i, Label = i % 4 == 0 }));

        var test = ml.Data.CreateEnumerable<FlagRow>(ml.Data.StratifiedTrainTestSplit(data, 0.25).TestSet, false).ToList();

        Assert.Equal(3, test.Count(r => r.Label));
        Assert.Equal(8, test.Count(r => !r.Label));
    }

    [Fact]
    public void PartsShuffleAndKeepTheirRows()
    {
        var ml = new MLContext(1);
        var data = ml.Data.Cache(Data(ml, ("a", 60), ("b", 40)));
        var split = ml.Data.StratifiedTrainTestSplit(data, 0.2);

        var inOrder = Rows(ml, split.TrainSet).Select(r => r.Id).ToList();
        var shuffled = Rows(ml, ml.Data.ShuffleRows(split.TrainSet, seed: 3)).Select(r => r.Id).ToList();

        Assert.True(data.CanShuffle);
        Assert.True(split.TrainSet.CanShuffle);
        Assert.Equal(inOrder, shuffled.Order());
        Assert.NotEqual(inOrder, shuffled);
    }

    [ImageCodecFact]
    public void TheLabelPassReadsNoImage()
    {
        using var root = new TempFolder();
        for (var i = 0; i < 10; i++) BmpFile.WriteSolid(Path.Combine(root.Path, i < 6 ? "cat" : "dog", $"{i}.bmp"), 1, 1, (1, 2, 3));
        var ml = new MLContext(1);
        var data = ml.Data.LoadImagesFromFolder(root.Path);
        foreach (var file in Directory.GetFiles(root.Path, "*.bmp", SearchOption.AllDirectories)) File.Delete(file);

        var split = ml.Data.StratifiedTrainTestSplit(data, 0.5);

        Assert.Equal(5, split.TestSet.GetRowCount());
        using var cursor = split.TestSet.GetRowCursor([split.TestSet.Schema["Label"]]);
        var labels = 0;
        while (cursor.MoveNext()) labels++;
        Assert.Equal(5, labels);
    }

    [Fact]
    public void TheLabelPassAsksForTheLabelColumnAlone()
    {
        var ml = new MLContext(1);
        var recording = new Balancing.ColumnRecordingDataView(Data(ml, ("a", 5), ("b", 5)));

        ml.Data.StratifiedTrainTestSplit(recording, 0.4);

        Assert.Equal([["Label"]], recording.CursorColumns);
    }

    [Fact]
    public void RowsSharingAnIdAreRefused()
    {
        var ml = new MLContext(1);

        var e = Assert.Throws<InvalidOperationException>(() =>
            ml.Data.StratifiedTrainTestSplit(new DuplicateIdDataView(Data(ml, ("a", 3), ("b", 3))), 0.5));

        Assert.Contains("gives two rows the id", e.Message);
    }

    [Fact]
    public void AMissingOrUnusableLabelColumnIsNamed()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(new[] { new ScoreRow { Id = 1, Score = 1f } });

        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.StratifiedTrainTestSplit(data, 0.5));
        var wrong = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.StratifiedTrainTestSplit(data, 0.5, "Score"));

        Assert.Contains("Could not find label column 'Label' for StratifiedTrainTestSplit", missing.Message);
        Assert.Contains("'Id', 'Score'", missing.Message);
        Assert.Contains("Schema mismatch for label column 'Score' of StratifiedTrainTestSplit", wrong.Message);
        Assert.Contains("MapValueToKey", wrong.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(double.NaN)]
    public void AFractionOutside0To1IsRefused(double fraction)
    {
        var ml = new MLContext(1);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Data.StratifiedTrainTestSplit(Data(ml, ("a", 4)), fraction));

        Assert.Equal("testFraction", e.ParamName);
    }

    /// <summary>A row without a Label column.</summary>
    private sealed class ScoreRow
    {
        public int Id { get; set; }

        public float Score { get; set; }
    }
}
