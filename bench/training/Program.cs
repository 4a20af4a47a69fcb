// Training benchmark of MlCnn, the counterpart of bench/pytorch_train.py: trains the `basic` CNN on Fashion-MNIST or the
// small `resnet` on the 32x32 RGB conversion (bench/make_rgb32.py) through the public ML.NET API (an MLContext pipeline:
// MapValueToKey, then ml.MulticlassClassification.Trainers.Cnn), and reports throughput, test accuracy and memory. See
// bench/README.md, "Training".
//
// Usage: dotnet bench/training/bin/Release/net10.0/mlcnn-training-bench.dll [--model basic|resnet] [--data DIR]
//        [--epochs N] [--threads N] [--seed S] [--limit N] [--device cpu|cuda] [--precision auto|fp32|bf16|fp16]
// One line per epoch goes to stdout; the last stdout line is a JSON object (fields listed in Result below).
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Ml.Cnn;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Training;

var options = Options.Parse(args);
if (options is null) return 2;

var ml = new MLContext(seed: options.Seed);
IDataView train, test;
long images;
try
{
    if (options.Model == "basic")
    {
        train = ml.Data.LoadIdx(options.Data, "train");
        // The first N rows, as PyTorch's [:N]; cached, so that the trainer can still shuffle them every epoch.
        if (options.Limit is { } limit) train = Filled(ml.Data.Cache(ml.Data.TakeRows(train, limit)));
        images = train.GetRowCount() ?? 0;
        test = ml.Data.LoadIdx(options.Data, "t10k");
    }
    else
    {
        train = Filled(LoadRgb32(ml, options.Data, "train", options.Limit, out images));
        test = LoadRgb32(ml, options.Data, "t10k", null, out _);
    }
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
{
    var hint = options.Model == "basic" ? "bash scripts/fetch-fashion-mnist.sh DIR" : "/usr/bin/python3 bench/make_rgb32.py --out DIR";
    Console.Error.WriteLine($"training: cannot load {options.Model} data from {options.Data}: {e.Message}\nPrepare DIR with: {hint}");
    return 1;
}

Torch.Threads = options.Threads;
var trainer = ml.MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
{
    ImageColumnName = "Image",
    Architecture = options.Model == "basic" ? Architectures.Basic : Architectures.ResNet,
    Epochs = options.Epochs,
    BatchSize = 128,
    Optimizer = OptimizerKind.Adam,
    LearningRate = 1e-3,
    Seed = options.Seed,
    Device = options.Device,
    Precision = options.Precision,
    Threads = options.Threads,
    ValidationFraction = 0,
    Progress = null,
});

// Recorded as each epoch ends (before the next one starts): its training seconds and the process RSS as it is.
var epochSeconds = new List<double>();
var rss = new List<double>();
trainer.EpochCompleted += (_, e) =>
{
    epochSeconds.Add(e.Metrics.Seconds);
    rss.Add(StatusMiB("VmRSS"));
    Console.WriteLine(FormattableString.Invariant(
        $"epoch {e.Metrics.Epoch}/{e.Epochs}: loss {e.Metrics.TrainLoss:F4}  {e.Metrics.Seconds:F1}s  {e.Metrics.ImagesPerSecond:F0} img/s  RSS {rss[^1]:F0} MiB"));
};
Console.Error.WriteLine($"training: MlCnn, libtorch {Torch.Version}, {Torch.Threads} thread(s), {options.Model}, {images} training images");

// Class keys in the labels' order ("0" < ... < "9", the classes' numeric order) whatever order the rows come in.
var model = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
    .Append(trainer).Fit(train);
using var cnn = model.LastTransformer;
var history = cnn.History!;
var accuracy = ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;

var result = new Result(
    Model: options.Model,
    ImagesPerSecond: history.ImagesPerSecond,
    TrainSeconds: history.TrainSeconds,
    EpochSeconds: epochSeconds.ToArray(),
    RssMiB: rss.ToArray(),
    PeakRssMiB: StatusMiB("VmHWM"),
    MicroAccuracy: accuracy,
    Threads: Torch.Threads,
    InputImagesPerSecond: history.InputImagesPerSecond,
    Device: options.Device == ComputeDevice.Cuda ? "cuda" : "cpu",
    Precision: history.Precision.ToString());
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;

// The converted split of bench/make_rgb32.py (N x 3 x 32 x 32 uint8 images, N label bytes) with labels "0".."9", the first
// `limit` images when given (their number in `count`), as ML.NET data: rows read from the files as ML.NET enumerates them, held once in ML.NET's cache
// (so the trainer can shuffle them every epoch).
static IDataView LoadRgb32(MLContext ml, string directory, string split, int? limit, out long count)
{
    var images = Path.Combine(directory, $"{split}-images.u8");
    var labelBytes = File.ReadAllBytes(Path.Combine(directory, $"{split}-labels.u8"));
    var size = Rgb32Row.Channels * Rgb32Row.Side * Rgb32Row.Side;
    if (new FileInfo(images).Length != (long)labelBytes.Length * size)
        throw new InvalidDataException($"{split}-images.u8 holds {new FileInfo(images).Length} bytes, expected {labelBytes.Length} images of 3x32x32");
    var rows = Math.Min(labelBytes.Length, limit ?? int.MaxValue);
    count = rows;
    var names = Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
    return ml.Data.Cache(ml.Data.LoadFromEnumerable(Rows()));

    IEnumerable<Rgb32Row> Rows()
    {
        using var file = File.OpenRead(images);
        for (var i = 0; i < rows; i++)
        {
            var pixels = new byte[size];
            file.ReadExactly(pixels);
            yield return new Rgb32Row { Image = pixels, Label = names[labelBytes[i]] };
        }
    }
}

// The cached view, every row read once: ML.NET's cache fills as its first cursor passes, which would otherwise happen in
// the first epoch, on the clock; bench/pytorch_train.py loads its tensors before its timer too.
static IDataView Filled(IDataView cached)
{
    using var cursor = cached.GetRowCursor(cached.Schema);
    while (cursor.MoveNext()) { }
    return cached;
}

// A memory field of /proc/self/status (VmRSS: resident now, VmHWM: peak resident) in MiB.
static double StatusMiB(string field)
{
    foreach (var line in File.ReadLines("/proc/self/status"))
        if (line.StartsWith(field + ":", StringComparison.Ordinal))
            return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) / 1024.0;
    throw new InvalidOperationException($"{field} is not in /proc/self/status");
}

// A row of the converted RGB data: the CHW pixels and the label text.
internal sealed class Rgb32Row
{
    public const int Channels = 3;
    public const int Side = 32;

    [VectorType(Channels, Side, Side)]
    public byte[] Image { get; set; } = [];

    public string Label { get; set; } = "";
}

internal sealed record Result(string Model, double ImagesPerSecond, double TrainSeconds, double[] EpochSeconds, double[] RssMiB,
    double PeakRssMiB, double MicroAccuracy, int Threads, double InputImagesPerSecond, string Device, string Precision);

internal sealed record Options(string Model, string Data, int Epochs, int Threads, int Seed, int? Limit, ComputeDevice Device,
    TrainingPrecision? Precision)
{
    private const string Usage = "usage: mlcnn-training-bench [--model basic|resnet] [--data DIR] [--epochs N] [--threads N] [--seed S] [--limit N]"
        + " [--device cpu|cuda] [--precision auto|fp32|bf16|fp16]";

    public static Options? Parse(string[] args)
    {
        string model = "basic";
        string? data = null;
        int epochs = 1, threads = 2, seed = 1;
        int? limit = null;
        var device = ComputeDevice.Cpu;
        TrainingPrecision? precision = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null) return Fail($"{args[i]} needs a value");
            switch (args[i++])
            {
                case "--model":
                    if (value is not ("basic" or "resnet")) return Fail("--model must be basic or resnet");
                    model = value;
                    break;
                case "--data": data = value; break;
                case "--epochs": if (!Positive(value, out epochs)) return Fail("--epochs must be a positive integer"); break;
                case "--threads": if (!Positive(value, out threads)) return Fail("--threads must be a positive integer"); break;
                case "--seed": if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed)) return Fail("--seed must be an integer"); break;
                case "--limit":
                    if (!Positive(value, out var n)) return Fail("--limit must be a positive integer");
                    limit = n;
                    break;
                case "--device":
                    if (value is not ("cpu" or "cuda")) return Fail("--device must be cpu or cuda");
                    device = value == "cuda" ? ComputeDevice.Cuda : ComputeDevice.Cpu;
                    break;
                case "--precision":
                    if (value is not ("auto" or "fp32" or "bf16" or "fp16")) return Fail("--precision must be auto, fp32, bf16 or fp16");
                    precision = value switch
                    {
                        "fp32" => TrainingPrecision.Float32,
                        "bf16" => TrainingPrecision.BFloat16,
                        "fp16" => TrainingPrecision.Float16,
                        _ => null,
                    };
                    break;
                default: return Fail($"unknown option {args[i - 1]}");
            }
        }
        data ??= model == "basic" ? "data/fashion-mnist" : "data/fashion-mnist-rgb32";
        return new Options(model, data, epochs, threads, seed, limit, device, precision);
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static Options? Fail(string message)
    {
        Console.Error.WriteLine($"training: {message}\n{Usage}");
        return null;
    }
}
