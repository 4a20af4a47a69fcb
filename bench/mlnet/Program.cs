// Training throughput of the same `basic` CNN on the same Fashion-MNIST images through four input paths, one path per
// process (bench/mlnet/run.sh alternates them):
//   folder   the earlier API's class-folder source (PNG files decoded batch by batch)       -- today's image-folder path
//   rawbytes ML.NET: TextLoader of paths -> MapValueToKey -> LoadRawImageBytes -> Cnn         -- must reach >= 90% of folder
//   idx      the earlier API's IDX source (uint8 pixels in memory)                          -- today's IDX path
//   vectors  ML.NET: LoadFromEnumerable of float pixel vectors -> MapValueToKey -> Cnn         -- must reach >= 95% of idx
// Usage: dotnet mlcnn-mlnet-bench.dll --path folder|rawbytes|idx|vectors --pngs DIR --idx DIR [--limit N] [--epochs N] [--threads N]
// The last stdout line is JSON: Path, ImagesPerSecond (training images / seconds inside the epoch loop), Images, Epochs.
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Legacy;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms;

var path = Arg("--path") ?? "vectors";
var pngs = Arg("--pngs") ?? "artifacts/bench/fashion-png";
var idx = Arg("--idx") ?? "data/fashion-mnist";
var limit = int.Parse(Arg("--limit") ?? "10000", CultureInfo.InvariantCulture);
var epochs = int.Parse(Arg("--epochs") ?? "1", CultureInfo.InvariantCulture);
var threads = int.Parse(Arg("--threads") ?? "2", CultureInfo.InvariantCulture);

var options = new CnnTrainerOptions
{
    Architecture = Architectures.Basic, Epochs = epochs, BatchSize = 128, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3, Seed = 1,
    Device = ComputeDevice.Cpu, Threads = threads, ImageColumnName = "Image",
};
Torch.Threads = threads;
TrainingHistory history;
switch (path)
{
    case "folder":
    {
        var data = new CnnContext(1).Data.LoadImagesFromFolder(pngs, new ImageLoadOptions { ColorMode = ColorMode.Gray });
        using var model = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(data);
        history = model.History!;
        break;
    }
    case "idx":
    {
        var data = new CnnContext(1).Data.LoadIdx(idx, "train").Take(limit);
        using var model = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(data);
        history = model.History!;
        break;
    }
    case "rawbytes":
    {
        var ml = new MLContext(1);
        var table = ml.Data.LoadFromTextFile<PathRow>(Path.Combine(pngs, "images.tsv"), hasHeader: true);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath"))
            .Append(ml.MulticlassClassification.Trainers.Cnn(options));
        var model = pipeline.Fit(table);
        history = model.LastTransformer.History!;
        model.LastTransformer.Dispose();
        break;
    }
    case "vectors":
    {
        var ml = new MLContext(1);
        var source = new CnnContext(1).Data.LoadIdx(idx, "train").Take(limit);
        var images = source.GetColumn<ImageColumn>("Image");
        var labels = source.GetColumn<ScalarColumn<string>>("Label").Values;
        var rows = Enumerable.Range(0, source.RowCount)
            .Select(i => new PixelRow { Image = images.GetImage(i).ToArray().Select(b => (float)b).ToArray(), Label = labels[i] }).ToArray();
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Cnn(options))
            .Fit(ml.Data.LoadFromEnumerable(rows));
        history = model.LastTransformer.History!;
        model.LastTransformer.Dispose();
        break;
    }
    default:
        Console.Error.WriteLine($"mlnet-bench: unknown --path {path} (folder, rawbytes, idx, vectors)");
        return 2;
}
Console.WriteLine(JsonSerializer.Serialize(new { Path = path, history.ImagesPerSecond, Images = history.Epochs.Sum(e => e.Images), Epochs = history.Epochs.Count }));
return 0;

string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

/// <summary>A row of the table of paths.</summary>
internal sealed class PathRow
{
    [LoadColumn(0)]
    public string ImagePath { get; set; } = "";

    [LoadColumn(1)]
    public string Label { get; set; } = "";
}

/// <summary>An image as ExtractPixels gives it (unscaled).</summary>
internal sealed class PixelRow
{
    [VectorType(1, 28, 28)]
    public float[] Image { get; set; } = [];

    public string Label { get; set; } = "";
}
