using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using Ml.Cnn;
using Ml.Cnn.Engine;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms;

// Usage: dotnet run --project examples/ExistingPipeline -c Release -- [TRAIN-IMAGES] [TEST-IMAGES] [EPOCHS]
// Writes the first TRAIN-IMAGES (default 4000) and TEST-IMAGES (default 1000) Fashion-MNIST images of data/fashion-mnist
// as PNG files with a TSV of paths and labels (what an ML.NET user starts from), then trains, in the same run:
//   1. ML.NET's own SdcaMaximumEntropy on ExtractPixels features (ML.NET's image tutorial without a pretrained network);
//   2. the same pipeline with MlCnn's CNN trainer appended instead, reading LoadRawImageBytes' encoded files;
// and prints both evaluations from ML.NET's multiclass evaluator.
var trainCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4000;
var testCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var epochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
var folder = Path.Combine(Path.GetTempPath(), "mlcnn-existing-pipeline");
var (trainTable, testTable) = Pngs.Write("data/fashion-mnist", folder, trainCount, testCount);

var ml = new MLContext(seed: 1);
var train = ml.Data.LoadFromTextFile<ImageRow>(trainTable, hasHeader: true);
var test = ml.Data.LoadFromTextFile<ImageRow>(testTable, hasHeader: true);

var sdca = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.Transforms.LoadImages("Image", null, "ImagePath"))
    .Append(ml.Transforms.ResizeImages("Image", 28, 28))
    .Append(ml.Transforms.ExtractPixels("Features", "Image", ImagePixelExtractingEstimator.ColorBits.Red, scaleImage: 1f / 255))
    .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 10))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
Report("ML.NET SdcaMaximumEntropy on ExtractPixels", sdca, train, test);

var cnn = ml.Transforms.Conversion.MapValueToKey("Label")
    .Append(ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath"))
    .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
    {
        LabelColumnName = "Label", ImageColumnName = "Image", Epochs = epochs, Progress = Console.Out,
    }))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
var model = Report("MlCnn CNN (basic) on LoadRawImageBytes", cnn, train, test);
ml.Model.Save(model, train.Schema, Path.Combine(folder, "model.zip"));
Console.WriteLine($"saved {Path.Combine(folder, "model.zip")}");

ITransformer Report<T>(string name, IEstimator<T> pipeline, IDataView trainData, IDataView testData) where T : class, ITransformer
{
    var clock = Stopwatch.StartNew();
    var fitted = pipeline.Fit(trainData);
    var seconds = clock.Elapsed.TotalSeconds;
    var metrics = ml.MulticlassClassification.Evaluate(fitted.Transform(testData));
    Console.WriteLine($"{name}: MicroAccuracy {metrics.MicroAccuracy:F4}, MacroAccuracy {metrics.MacroAccuracy:F4}, LogLoss {metrics.LogLoss:F4} (fit {seconds:F0} s)");
    return fitted;
}

/// <summary>A row of the table: an image file and its label.</summary>
internal sealed class ImageRow
{
    /// <summary>The image file.</summary>
    [LoadColumn(0)]
    public string ImagePath { get; set; } = "";

    /// <summary>The class label (text).</summary>
    [LoadColumn(1)]
    public string Label { get; set; } = "";
}

/// <summary>Writes Fashion-MNIST images as PNG files and TSV tables of paths and labels.</summary>
internal static class Pngs
{
    /// <summary>Writes the first images of the train and test splits; returns the two tables.</summary>
    public static (string Train, string Test) Write(string idxFolder, string folder, int train, int test)
    {
        Directory.CreateDirectory(folder);
        return (Split(idxFolder, "train", folder, train), Split(idxFolder, "t10k", folder, test));
    }

    private static string Split(string idxFolder, string split, string folder, int count)
    {
        var ml = new MLContext();
        var rows = ml.Data.CreateEnumerable<IdxRow>(ml.Data.LoadIdx(idxFolder, split), reuseRowObject: false).Take(count).ToList();
        var imageFolder = Directory.CreateDirectory(Path.Combine(folder, split)).FullName;
        var lines = new List<string> { "ImagePath\tLabel" };
        for (var i = 0; i < rows.Count; i++)
        {
            var path = Path.Combine(imageFolder, string.Create(CultureInfo.InvariantCulture, $"{i:D5}.png"));
            if (!File.Exists(path)) ImageCodec.WritePng(path, rows[i].Image, new ImageShape(1, IdxRow.Side, IdxRow.Side));
            lines.Add($"{path}\t{rows[i].Label}");
        }
        var table = Path.Combine(folder, split + ".tsv");
        File.WriteAllLines(table, lines);
        return table;
    }
}

/// <summary>A row of <c>ml.Data.LoadIdx</c>: the 1×28×28 pixels and the label text.</summary>
internal sealed class IdxRow
{
    /// <summary>The image side in pixels.</summary>
    public const int Side = 28;

    /// <summary>The pixels, 0..255.</summary>
    [VectorType(1, Side, Side)]
    public byte[] Image { get; set; } = [];

    /// <summary>The class, "0".."9".</summary>
    public string Label { get; set; } = "";
}
