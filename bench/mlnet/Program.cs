// Training throughput of the same `basic` CNN on the same Fashion-MNIST images through four ML.NET input paths, one path
// per process (bench/mlnet/run.sh alternates them); every path ends in MapValueToKey -> Trainers.Cnn:
//   folder   ml.Data.LoadImagesFromFolder (MlCnn's class-folder source; PNG bytes decoded batch by batch)
//   rawbytes TextLoader of paths -> ML.NET's LoadRawImageBytes                                -- must reach >= 90% of folder
//   idx      ml.Data.LoadIdx (MlCnn's IDX source; uint8 pixel vectors in memory)
//   vectors  LoadFromEnumerable of float pixel vectors (what ExtractPixels gives)               -- must reach >= 95% of idx
// Usage: dotnet mlcnn-mlnet-bench.dll --path folder|rawbytes|idx|vectors --pngs DIR --idx DIR [--limit N] [--epochs N] [--threads N]
// The last stdout line is JSON: Path, ImagesPerSecond (training images / seconds inside the epoch loop), Images, Epochs.
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
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
if (path is not ("folder" or "rawbytes" or "idx" or "vectors"))
{
    Console.Error.WriteLine($"mlnet-bench: unknown --path {path} (folder, rawbytes, idx, vectors)");
    return 2;
}
var ml = new MLContext(1);
var table = ml.Data.LoadFromTextFile<PathRow>(Path.Combine(pngs, "images.tsv"), hasHeader: true);
var data = path switch
{
    "folder" => ml.Data.LoadImagesFromFolder(pngs),
    "rawbytes" => ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath").Fit(table).Transform(table),
    "idx" => ml.Data.Cache(ml.Data.TakeRows(ml.Data.LoadIdx(idx, "train"), limit)),
    _ => ml.Data.LoadFromEnumerable(PixelRows(idx, limit)),
};
var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Cnn(options)).Fit(data);
var history = model.LastTransformer.History!;
model.LastTransformer.Dispose();
Console.WriteLine(JsonSerializer.Serialize(new { Path = path, history.ImagesPerSecond, Images = history.Epochs.Sum(e => e.Images), Epochs = history.Epochs.Count }));
return 0;

static PixelRow[] PixelRows(string idx, int limit)
{
    var (shape, pixels) = IdxReader.ReadImages(IdxReader.FindFile(idx, "train-images-idx3-ubyte"));
    var labels = IdxReader.ReadLabels(IdxReader.FindFile(idx, "train-labels-idx1-ubyte"));
    return [.. Enumerable.Range(0, Math.Min(limit, labels.Length)).Select(i => new PixelRow
    {
        Image = [.. pixels.AsSpan(i * shape.Size, shape.Size).ToArray().Select(b => (float)b)],
        Label = labels[i].ToString(CultureInfo.InvariantCulture),
    })];
}

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
