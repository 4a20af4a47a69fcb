using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

// Usage: FreshProcess MODEL.zip TABLE.tsv
// Loads the model with a new MLContext exactly as an outside program would, scores the table with Transform and with a
// PredictionEngine, and prints one line per row: the predicted label (Transform, then PredictionEngine), the largest
// difference between the two's scores, then every score of Transform as the hexadecimal bits of its float.
var ml = new MLContext();
var model = ml.Model.Load(args[0], out var schema);
var data = ml.Data.LoadFromTextFile<Row>(args[1], hasHeader: true);
var scored = model.Transform(data);
var scores = scored.GetColumn<float[]>("Score").ToArray();
var labels = scored.GetColumn<string>("PredictedLabel").ToArray();
var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model, inputSchema: schema);
var rows = ml.Data.CreateEnumerable<Row>(data, reuseRowObject: false).ToArray();
for (var i = 0; i < rows.Length; i++)
{
    var single = engine.Predict(rows[i]);
    var difference = single.Score.Zip(scores[i], (a, b) => Math.Abs(a - b)).Max();
    Console.WriteLine($"{labels[i]}\t{single.PredictedLabel}\t{difference.ToString("R", CultureInfo.InvariantCulture)}\t{string.Join(" ", scores[i].Select(s => BitConverter.SingleToInt32Bits(s).ToString("x8", CultureInfo.InvariantCulture)))}");
}

/// <summary>A row of the table.</summary>
internal sealed class Row
{
    /// <summary>The image file.</summary>
    [LoadColumn(0)]
    public string ImagePath { get; set; } = "";

    /// <summary>The label (text).</summary>
    [LoadColumn(1)]
    public string Label { get; set; } = "";
}

/// <summary>What the model adds.</summary>
internal sealed class Prediction
{
    /// <summary>The predicted label, mapped back to text.</summary>
    public string PredictedLabel { get; set; } = "";

    /// <summary>The class probabilities.</summary>
    public float[] Score { get; set; } = [];
}
