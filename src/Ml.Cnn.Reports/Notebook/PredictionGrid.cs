using System.Globalization;
using Microsoft.ML;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;
using Ml.Cnn.Reports;

namespace Ml.Cnn.Notebook;

/// <summary>One image of a <see cref="PredictionGrid"/>.</summary>
/// <param name="Image">The image: a pixel vector or an <c>MLImage</c> as it is (an <c>MLImage</c> in RGB); an encoded file
/// gray for a gray file, else RGB, shrunk to at most <see cref="PredictionGrid.MaxSide"/> pixels a side, keeping its
/// proportions.</param>
/// <param name="Truth">The label.</param>
/// <param name="Predicted">The predicted label.</param>
public sealed record PredictionTile(PngImage Image, string Truth, string Predicted)
{
    /// <summary>Whether the prediction is the label.</summary>
    public bool Correct => Truth == Predicted;
}

/// <summary>
/// Images with their labels and predictions, e.g. <c>PredictionGrid.From(model.Transform(test))</c>: in a notebook with
/// the Ml.Cnn.Interactive extension a grid of the images (PNG), each captioned "predicted (label)", framed green when
/// right and red when wrong.
/// </summary>
public sealed class PredictionGrid
{
    /// <summary>The longest side of a tile, in pixels: larger files are decoded shrunk (bilinear) and larger images shown shrunk, to keep the output small.</summary>
    public const int MaxSide = 96;

    private readonly bool _wrongOnly;

    private PredictionGrid(IReadOnlyList<PredictionTile> tiles, bool wrongOnly)
    {
        Tiles = tiles;
        _wrongOnly = wrongOnly;
    }

    /// <summary>The images, in row order.</summary>
    public IReadOnlyList<PredictionTile> Tiles { get; }

    /// <summary>The first <paramref name="count"/> rows of scored data (or only those predicted wrong) as a grid.</summary>
    /// <param name="scored">Data with the image, label and predicted-label columns (<c>model.Transform(test)</c>).</param>
    /// <param name="imageColumnName">The image column (encoded bytes, pixels or an <c>MLImage</c>). Default <c>Image</c>.</param>
    /// <param name="labelColumnName">The label column (key, text, Boolean or Single). Default <c>Label</c>.</param>
    /// <param name="predictedLabelColumnName">The prediction column (key, text, Boolean or Single). Default <c>PredictedLabel</c>.</param>
    /// <param name="count">Images in the grid, at least 1. Default 24.</param>
    /// <param name="wrongOnly">Show only the rows whose prediction is not the label. Default false.</param>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type, or <paramref name="count"/> is below 1.</exception>
    public static PredictionGrid From(IDataView scored, string imageColumnName = DefaultColumnNames.Image, string labelColumnName = DefaultColumnNames.Label,
        string predictedLabelColumnName = DefaultColumnNames.PredictedLabel, int count = 24, bool wrongOnly = false)
    {
        ArgumentNullException.ThrowIfNull(scored);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The grid needs at least one image.");
        var feature = ImageFeatureColumn.Inspect(scored.Schema, imageColumnName);
        var label = Find(scored.Schema, labelColumnName, nameof(labelColumnName));
        var predicted = Find(scored.Schema, predictedLabelColumnName, nameof(predictedLabelColumnName));
        using var cursor = scored.GetRowCursor([scored.Schema[feature.Name], label, predicted]);
        var reader = new ImageFeatureReader(cursor, feature);
        var (truthOf, predictedOf) = (ColumnText.Getter(cursor, label), ColumnText.Getter(cursor, predicted));
        var tiles = new List<PredictionTile>();
        while (tiles.Count < count && cursor.MoveNext())
        {
            var (truth, guess) = (truthOf(), predictedOf());
            if (wrongOnly && truth == guess) continue;
            var stored = reader.ReadStoredShape();
            var shrink = feature.Kind == ImageFeatureKind.EncodedBytes ? Math.Min(1.0, (double)MaxSide / Math.Max(stored.Height, stored.Width)) : 1;
            var shape = feature.DecodedShape(stored, height: Math.Max(1, (int)Math.Round(stored.Height * shrink)),
                width: Math.Max(1, (int)Math.Round(stored.Width * shrink)));
            var pixels = new byte[shape.Size];
            reader.ReadPixels(shape, ResizeMode.Bilinear, pixels);
            tiles.Add(new PredictionTile(new PngImage(pixels, shape), truth, guess));
        }
        return new PredictionGrid(tiles, wrongOnly);
    }

    /// <summary>The grid as notebook HTML: one captioned figure per image, small images scaled up with square pixels.</summary>
    public string ToHtml()
    {
        var sb = NotebookHtml.Open();
        var counts = _wrongOnly ? $"{Tiles.Count} wrong" : $"{Tiles.Count(t => t.Correct)} of {Tiles.Count} right";
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"status\">{counts} \u00b7 caption: predicted (label)</div>\n<div class=\"tiles\">");
        foreach (var t in Tiles)
        {
            var side = Math.Max(t.Image.Shape.Height, t.Image.Shape.Width);
            var scale = side > MaxSide ? (double)MaxSide / side : Math.Clamp(MaxSide / side, 1, 4);
            sb.Append(CultureInfo.InvariantCulture, $"<figure class=\"{(t.Correct ? "right" : "wrong")}\"><img src=\"{t.Image.ToDataUri()}\" ")
                .Append(CultureInfo.InvariantCulture, $"width=\"{Math.Round(t.Image.Shape.Width * scale)}\" height=\"{Math.Round(t.Image.Shape.Height * scale)}\" alt=\"{Markup.Escape(t.Truth)}\"/>")
                .Append("<figcaption>").Append(Markup.Escape(t.Predicted));
            if (!t.Correct) sb.Append(" (").Append(Markup.Escape(t.Truth)).Append(')');
            sb.Append("</figcaption></figure>");
        }
        return NotebookHtml.Close(sb.Append("</div>"));
    }

    private static DataViewSchema.Column Find(DataViewSchema schema, string name, string parameter) =>
        schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(parameter,
            $"Column '{name}' is not in the data. Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
}
