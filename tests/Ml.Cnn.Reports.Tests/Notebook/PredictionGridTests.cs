using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Notebook;

namespace Ml.Cnn.Reports.Tests.Notebook;

/// <summary>The images of scored rows with their labels and predictions: right and wrong marked, only mistakes on request.</summary>
public class PredictionGridTests
{
    /// <summary>A 2x2 gray image, its text label and the model's text prediction.</summary>
    private sealed class Row
    {
        [VectorType(1, 2, 2)]
        public byte[] Image { get; set; } = [];

        public string Label { get; set; } = "";

        public string PredictedLabel { get; set; } = "";
    }

    private static IDataView Scored(MLContext ml) => ml.Data.LoadFromEnumerable(Enumerable.Range(0, 6).Select(i => new Row
    {
        Image = [(byte)(i * 10), 1, 2, 3],
        Label = i % 2 == 0 ? "cat" : "dog",
        PredictedLabel = i < 4 ? (i % 2 == 0 ? "cat" : "dog") : "cat",
    }));

    [Fact]
    public void The_tiles_hold_the_images_their_labels_and_whether_the_prediction_is_right()
    {
        var grid = PredictionGrid.From(Scored(new MLContext(1)), count: 5);

        Assert.Equal(5, grid.Tiles.Count);
        Assert.Equal(["cat", "dog", "cat", "dog", "cat"], grid.Tiles.Select(t => t.Truth));
        Assert.All(grid.Tiles, t => Assert.True(t.Correct));
        Assert.Equal([30, 1, 2, 3], ImageCodec.Decode(grid.Tiles[3].Image.ToArray(), channels: 1).Pixels);
        var html = grid.ToHtml();
        Assert.Contains("5 of 5 right", html, StringComparison.Ordinal);
        Assert.Equal(5, html.Split("<figure class=\"right\">").Length - 1);
    }

    [Fact]
    public void Wrong_only_keeps_the_mistakes_captioned_with_the_label()
    {
        var grid = PredictionGrid.From(Scored(new MLContext(1)), wrongOnly: true);

        var wrong = Assert.Single(grid.Tiles);
        Assert.Equal(("dog", "cat"), (wrong.Truth, wrong.Predicted));
        Assert.Contains("<figure class=\"wrong\">", grid.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("1 wrong \u00b7", grid.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("<figcaption>cat (dog)</figcaption>", grid.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_labels_show_their_key_values()
    {
        var ml = new MLContext(1);
        var scored = ml.Transforms.Conversion.MapValueToKey("Label").Fit(Scored(ml)).Transform(Scored(ml));
        Assert.Equal(["cat", "dog"], PredictionGrid.From(scored, count: 2).Tiles.Select(t => t.Truth));
    }

    /// <summary>An encoded image file with a numeric label.</summary>
    private sealed class FileRow
    {
        public byte[] Image { get; set; } = [];

        public float Label { get; set; }

        public float PredictedLabel { get; set; }
    }

    [Fact]
    public void Numeric_key_labels_show_their_numbers_and_large_files_are_shrunk()
    {
        var ml = new MLContext(1);
        var png = new PngImage(new byte[3 * 100 * 200], new ImageShape(3, 100, 200)).ToArray();
        var rows = ml.Data.LoadFromEnumerable(new[] { 9f, 3f }.Select(v => new FileRow { Image = png, Label = v, PredictedLabel = v }));
        var scored = ml.Transforms.Conversion.MapValueToKey("Label").Fit(rows).Transform(rows);

        var grid = PredictionGrid.From(scored);

        Assert.Equal(["9", "3"], grid.Tiles.Select(t => t.Truth));
        Assert.Equal(new ImageShape(3, 48, 96), grid.Tiles[0].Image.Shape);
        Assert.Contains("width=\"96\" height=\"48\"", grid.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_or_no_image_is_refused_naming_the_column()
    {
        var ml = new MLContext(1);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => PredictionGrid.From(Scored(ml), predictedLabelColumnName: "Guess"));
        Assert.Contains("Column 'Guess' is not in the data. Columns: Image, Label, PredictedLabel.", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionGrid.From(Scored(ml), imageColumnName: "Label"));
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionGrid.From(Scored(ml), count: 0));
    }
}
