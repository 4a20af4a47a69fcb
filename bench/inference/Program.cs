using Ml.Cnn.Legacy;
// Inference benchmark of MlCnn: batch throughput, single-image latency (p50, p99) and concurrent single-image throughput
// of a saved model on the Fashion-MNIST t10k images. See bench/README.md, "Inference".
//
// Usage: dotnet bench/inference/bin/Release/net10.0/mlcnn-inference-bench.dll --model FILE [--data DIR] [--threads N]
//        [--repeats R] [--latency-calls N] [--callers N] [--batch-size N]
// The last stdout line is a JSON object (fields listed in Result below).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ml.Cnn;
using Ml.Cnn.Engine;
using Ml.Cnn.Model;
using Ml.Cnn.Transforms;

var options = Options.Parse(args);
if (options is null) return 2;

Torch.Threads = options.Threads;
var view = IdxDataset.Load(options.Data, "t10k");
var column = view.GetColumn<ImageColumn>(DefaultColumnNames.Image);
var shape = column.Shape;
var pixels = column.Pixels.ToArray();
var images = column.RowCount;
var size = shape.Size;
var latencyCalls = Math.Min(options.LatencyCalls, images);

using var model = CnnMulticlassModel.Load(options.Model, ComputeDevice.Cpu);
if (model.Metadata.Input != shape)
{
    Console.Error.WriteLine($"inference: the model expects {model.Metadata.Input} images but {options.Data} holds {shape}.");
    return 1;
}
Console.Error.WriteLine($"inference: MlCnn, libtorch {Torch.Version}, {Torch.Threads} thread(s), {model.Metadata.Architecture}, {images} images of {shape}");

// Warm-up: the first calls allocate libtorch's buffers and JIT-compile the managed path.
for (var i = 0; i < 3; i++) PredictAll(model, pixels, Math.Min(images, 10 * options.BatchSize), size, options.BatchSize);
for (var i = 0; i < 200; i++) model.Predict(pixels.AsSpan(i % images * size, size));

// (a) Batch throughput: PredictBatch of BatchSize images at a time over all images, Repeats times.
var batchRuns = new double[options.Repeats];
for (var r = 0; r < options.Repeats; r++)
{
    var start = Stopwatch.GetTimestamp();
    PredictAll(model, pixels, images, size, options.BatchSize);
    batchRuns[r] = images / Stopwatch.GetElapsedTime(start).TotalSeconds;
    Console.Error.WriteLine($"inference: batch run {r + 1}/{options.Repeats}: {batchRuns[r]:F0} img/s");
}

// (b) Single-image latency: Predict of one image, one call at a time, each call timed.
var serial = new CnnPrediction[latencyCalls];
var latencies = new double[latencyCalls];
for (var i = 0; i < latencyCalls; i++)
{
    var start = Stopwatch.GetTimestamp();
    serial[i] = model.Predict(pixels.AsSpan(i * size, size));
    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
var serialSeconds = latencies.Sum() / 1000;

// Diagnostic: the native call alone (Network.Predict into a preallocated buffer, same spec and preprocessing,
// freshly initialized weights: the cost does not depend on the values), i.e. the single-image latency without the
// managed model wrapper (lock, result arrays, label lookup). Measured before (c): the prediction thread that
// BatchConcurrentPredictions starts brings a second OpenMP team, which slows single calls from other threads.
using var network = Network.Create(model.Metadata.Spec, ComputeDevice.Cpu);
network.SetInputPreprocessing(model.Metadata.PixelScale, model.Metadata.Mean, model.Metadata.Std);
var outputs = new float[model.Labels.Count];
for (var i = 0; i < 200; i++) network.Predict(pixels.AsSpan(i % images * size, size), 1, shape, OutputHead.Softmax, outputs);
var native = new double[latencyCalls];
for (var i = 0; i < latencyCalls; i++)
{
    var start = Stopwatch.GetTimestamp();
    network.Predict(pixels.AsSpan(i * size, size), 1, shape, OutputHead.Softmax, outputs);
    native[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

// (c) The same images from several threads at once (caller t predicts images t, t + callers, ...): the aggregate rate
// and that the results equal the serial ones; once as the model comes (calls one at a time, results bit for bit
// equal) and once with BatchConcurrentPredictions (waiting requests predicted together, equal to float rounding).
var (concurrent, waits, concurrentSeconds) = Concurrently(batched: false);
var (batched, _, batchedSeconds) = Concurrently(batched: true);

var equal = serial.Zip(concurrent).All(p => p.First.PredictedLabel == p.Second!.PredictedLabel && p.First.Score.AsSpan().SequenceEqual(p.Second.Score));
var batchedLabelsEqual = serial.Zip(batched).All(p => p.First.PredictedLabel == p.Second!.PredictedLabel);
var batchedDifference = serial.Zip(batched).Max(p => p.First.Score.Zip(p.Second!.Score).Max(s => Math.Abs(s.First - s.Second)));
Array.Sort(latencies);
Array.Sort(native);
var result = new Result(
    Implementation: "MlCnn",
    Threads: Torch.Threads,
    Images: images,
    BatchSize: options.BatchSize,
    Repeats: options.Repeats,
    BatchImagesPerSecond: Median(batchRuns),
    BatchImagesPerSecondRuns: batchRuns.Select(x => Math.Round(x, 1)).ToArray(),
    LatencyCalls: latencyCalls,
    LatencyP50Ms: Percentile(latencies, 0.50),
    LatencyP99Ms: Percentile(latencies, 0.99),
    LatencyMeanMs: latencies.Average(),
    SerialImagesPerSecond: latencyCalls / serialSeconds,
    ConcurrentCallers: options.Callers,
    ConcurrentImagesPerSecond: latencyCalls / concurrentSeconds,
    ConcurrentCallP50Ms: Percentile(waits, 0.50),
    ConcurrentCallP99Ms: Percentile(waits, 0.99),
    ResultsEqualSerial: equal,
    BatchedConcurrentImagesPerSecond: latencyCalls / batchedSeconds,
    BatchedLabelsEqualSerial: batchedLabelsEqual,
    BatchedMaxScoreDifference: batchedDifference,
    NativeLatencyP50Ms: Percentile(native, 0.50),
    NativeLatencyP99Ms: Percentile(native, 0.99));
Console.WriteLine(JsonSerializer.Serialize(result));
return 0; // compare.py fails the run when ResultsEqualSerial is false, after printing the table

// Every latency-call image predicted by options.Callers threads at once: the predictions, each call's wait in ms, the seconds.
(CnnPrediction[] Predictions, double[] Waits, double Seconds) Concurrently(bool batched)
{
    model.BatchConcurrentPredictions = batched;
    var predictions = new CnnPrediction[latencyCalls];
    var waits = new double[latencyCalls];
    using var go = new ManualResetEventSlim(false);
    var threads = Enumerable.Range(0, options.Callers).Select(t => new Thread(() =>
    {
        go.Wait();
        for (var i = t; i < latencyCalls; i += options.Callers)
        {
            var start = Stopwatch.GetTimestamp();
            predictions[i] = model.Predict(pixels.AsSpan(i * size, size));
            waits[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    }) { IsBackground = true }).ToArray();
    foreach (var thread in threads) thread.Start();
    var begin = Stopwatch.GetTimestamp();
    go.Set();
    foreach (var thread in threads) thread.Join();
    var seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
    model.BatchConcurrentPredictions = false;
    Array.Sort(waits);
    return (predictions, waits, seconds);
}

// Predicts the first count images, batchSize at a time, with the public batch API.
static void PredictAll(CnnMulticlassModel model, byte[] pixels, int count, int size, int batchSize)
{
    for (var start = 0; start < count; start += batchSize)
    {
        var n = Math.Min(batchSize, count - start);
        model.PredictBatch(pixels.AsSpan(start * size, n * size), n);
    }
}

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    var mid = sorted.Length / 2;
    return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Nearest-rank percentile of sorted values (the same rule as bench/inference/pytorch_inference.py).
static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

internal sealed record Result(string Implementation, int Threads, int Images, int BatchSize, int Repeats, double BatchImagesPerSecond,
    double[] BatchImagesPerSecondRuns, int LatencyCalls, double LatencyP50Ms, double LatencyP99Ms, double LatencyMeanMs,
    double SerialImagesPerSecond, int ConcurrentCallers, double ConcurrentImagesPerSecond, double ConcurrentCallP50Ms,
    double ConcurrentCallP99Ms, bool ResultsEqualSerial, double BatchedConcurrentImagesPerSecond, bool BatchedLabelsEqualSerial,
    double BatchedMaxScoreDifference, double NativeLatencyP50Ms, double NativeLatencyP99Ms);

internal sealed record Options(string Model, string Data, int Threads, int Repeats, int LatencyCalls, int Callers, int BatchSize)
{
    private const string Usage = "usage: mlcnn-inference-bench --model FILE [--data DIR] [--threads N] [--repeats R] [--latency-calls N] [--callers N] [--batch-size N]";

    public static Options? Parse(string[] args)
    {
        string? model = null;
        var data = "data/fashion-mnist";
        int threads = 2, repeats = 5, calls = 2000, callers = 8, batch = 256;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null) return Fail($"{args[i]} needs a value");
            switch (args[i++])
            {
                case "--model": model = value; break;
                case "--data": data = value; break;
                case "--threads": if (!Positive(value, out threads)) return Fail("--threads must be a positive integer"); break;
                case "--repeats": if (!Positive(value, out repeats)) return Fail("--repeats must be a positive integer"); break;
                case "--latency-calls": if (!Positive(value, out calls)) return Fail("--latency-calls must be a positive integer"); break;
                case "--callers": if (!Positive(value, out callers)) return Fail("--callers must be a positive integer"); break;
                case "--batch-size": if (!Positive(value, out batch)) return Fail("--batch-size must be a positive integer"); break;
                default: return Fail($"unknown option {args[i - 1]}");
            }
        }
        return model is null ? Fail("--model is required") : new Options(model, data, threads, repeats, calls, callers, batch);
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static Options? Fail(string message)
    {
        Console.Error.WriteLine($"inference: {message}\n{Usage}");
        return null;
    }
}
