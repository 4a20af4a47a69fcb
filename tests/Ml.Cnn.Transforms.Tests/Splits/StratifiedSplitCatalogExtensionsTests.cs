using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Legacy;
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
    public void SelectsTheRowsTheLegacySplitSelects()
    {
        using var folder = new TempFolder();
        byte[] labels = [.. Enumerable.Range(0, 90).Select(i => (byte)(i * 7 % 4))];
        IdxFiles.WriteImages(folder.File("train-images-idx3-ubyte"), 90, 1, 1, IdxFiles.Ramp(90));
        IdxFiles.WriteLabels(folder.File("train-labels-idx1-ubyte"), labels);

        var split = new MLContext(1).Data.StratifiedTrainTestSplit(new MLContext(1).Data.LoadIdx(folder.Path, "train"), 0.3, seed: 11);
        var (legacyTrain, legacyTest) = new CnnContext(1).Data.StratifiedSplit(new CnnContext(1).Data.LoadIdx(folder.Path, "train"), 0.3, seed: 11);

        Assert.Equal(legacyTest.GetColumn<ImageColumn>("Image").Pixels.ToArray(), Pixels(split.TestSet));
        Assert.Equal(legacyTrain.GetColumn<ImageColumn>("Image").Pixels.ToArray(), Pixels(split.TrainSet));
    }

    private static byte[] Pixels(IDataView view)
    {
        var pixels = new List<byte>();
        using var cursor = view.GetRowCursor([view.Schema["Image"]]);
        var image = cursor.GetGetter<VBuffer<byte>>(view.Schema["Image"]);
        VBuffer<byte> value = default;
        while (cursor.MoveNext())
        {
            image(ref value);
            pixels.AddRange(value.DenseValues());
        }
        return [.. pixels];
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
