using Ml.Cnn.Legacy;
// Training benchmark of MlCnn, the counterpart of bench/pytorch_train.py: trains the `basic` CNN on Fashion-MNIST or the
// small `resnet` on the 32x32 RGB conversion (bench/make_rgb32.py) through the public API, and reports throughput, test
// accuracy and memory. See bench/README.md, "Training".
//
// Usage: dotnet bench/training/bin/Release/net10.0/mlcnn-training-bench.dll [--model basic|resnet] [--data DIR]
//        [--epochs N] [--threads N] [--seed S] [--limit N] [--device cpu|cuda] [--precision auto|fp32|bf16|fp16]
// One line per epoch goes to stdout; the last stdout line is a JSON object (fields listed in Result below).
using System.Globalization;
using System.Text.Json;
using Ml.Cnn;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Training;

var options = Options.Parse(args);
if (options is null) return 2;

var context = new CnnContext(seed: options.Seed);
DataView train, test;
try
{
    (train, test) = options.Model == "basic"
        ? (context.Data.LoadIdx(options.Data, "train"), context.Data.LoadIdx(options.Data, "t10k"))
        : (LoadRgb32(context, options.Data, "train"), LoadRgb32(context, options.Data, "t10k"));
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
{
    var hint = options.Model == "basic" ? "bash scripts/fetch-fashion-mnist.sh DIR" : "/usr/bin/python3 bench/make_rgb32.py --out DIR";
    Console.Error.WriteLine($"training: cannot load {options.Model} data from {options.Data}: {e.Message}\nPrepare DIR with: {hint}");
    return 1;
}
if (options.Limit is { } limit) train = train.Take(limit); // the first N rows, as PyTorch's [:N]

Torch.Threads = options.Threads;
var trainer = context.MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
{
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
Console.Error.WriteLine($"training: MlCnn, libtorch {Torch.Version}, {Torch.Threads} thread(s), {options.Model}, {train.RowCount} training images");

using var model = trainer.Fit(train);
var history = model.History!;
var accuracy = context.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;

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
    Device: options.Device == ComputeDevice.Cuda ? "cuda" : "cpu");
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;

// The converted split of bench/make_rgb32.py (N x 3 x 32 x 32 uint8 images, N label bytes) with labels "0".."9".
static DataView LoadRgb32(CnnContext context, string directory, string split)
{
    var shape = new ImageShape(3, 32, 32);
    var pixels = File.ReadAllBytes(Path.Combine(directory, $"{split}-images.u8"));
    var labelBytes = File.ReadAllBytes(Path.Combine(directory, $"{split}-labels.u8"));
    if (pixels.Length != (long)labelBytes.Length * shape.Size)
        throw new InvalidDataException($"{split}-images.u8 holds {pixels.Length} bytes, expected {labelBytes.Length} images of {shape}");
    var names = Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
    var labels = Array.ConvertAll(labelBytes, b => names[b]);
    return context.Data.LoadFromArrays(shape, pixels, labels);
}

// A memory field of /proc/self/status (VmRSS: resident now, VmHWM: peak resident) in MiB.
static double StatusMiB(string field)
{
    foreach (var line in File.ReadLines("/proc/self/status"))
        if (line.StartsWith(field + ":", StringComparison.Ordinal))
            return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) / 1024.0;
    throw new InvalidOperationException($"{field} is not in /proc/self/status");
}

internal sealed record Result(string Model, double ImagesPerSecond, double TrainSeconds, double[] EpochSeconds, double[] RssMiB,
    double PeakRssMiB, double MicroAccuracy, int Threads, double InputImagesPerSecond, string Device);

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
