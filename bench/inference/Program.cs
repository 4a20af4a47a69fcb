// Inference benchmark of MlCnn through ML.NET's API: batch throughput (Transform of the whole test set; the CNN scores up
// to 256 images per native call), single-image latency (p50, p99) of a PredictionEngine, and concurrent single-image
// throughput (one PredictionEngine per caller over the same model) of a saved ML.NET model zip on the Fashion-MNIST t10k
// images. See bench/README.md, "Inference".
//
// Usage: dotnet bench/inference/bin/Release/net10.0/mlcnn-inference-bench.dll --model FILE [--data DIR] [--threads N]
//        [--repeats R] [--latency-calls N] [--callers N]
//        ... --train --model FILE [--data DIR] [--threads N]: trains `basic` for 1 epoch on the train split and saves FILE
// The last stdout line is a JSON object (fields listed in Result below).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Ml.Cnn;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;

var options = Options.Parse(args);
if (options is null) return 2;

// The batch CnnTransformer.Transform scores per native call (pytorch_inference.py's default batch is the same).
const int BatchSize = 256;
Torch.Threads = options.Threads;
var ml = new MLContext(seed: 1);
if (options.Train) return Train(ml, options);

var test = ml.Data.LoadIdx(options.Data, "t10k");
var rows = ml.Data.CreateEnumerable<DigitRow>(test, reuseRowObject: false).ToArray();
var images = rows.Length;
var latencyCalls = Math.Min(options.LatencyCalls, images);

var model = ml.Model.Load(options.Model, out _);
using var cnn = ((IEnumerable<ITransformer>)model).OfType<CnnTransformer>().Single();
var shape = cnn.InputShape;
if (shape != new ImageShape(1, DigitRow.Side, DigitRow.Side))
{
    Console.Error.WriteLine($"inference: the model expects {shape} images but {options.Data} holds 1x{DigitRow.Side}x{DigitRow.Side}.");
    return 1;
}
Console.Error.WriteLine($"inference: MlCnn, libtorch {Torch.Version}, {Torch.Threads} thread(s), {images} images of {shape}, model {options.Model}");

// Warm-up: the first calls allocate libtorch's buffers and JIT-compile the managed path.
var engine = ml.Model.CreatePredictionEngine<DigitRow, DigitPrediction>(model);
for (var i = 0; i < 3; i++) ScoreAll(model.Transform(ml.Data.TakeRows(test, 10 * BatchSize)));
for (var i = 0; i < 200; i++) engine.Predict(rows[i % images]);

// (a) Batch throughput: Transform of all images, every score and predicted label read, Repeats times.
var batchRuns = new double[options.Repeats];
for (var r = 0; r < options.Repeats; r++)
{
    var start = Stopwatch.GetTimestamp();
    ScoreAll(model.Transform(test));
    batchRuns[r] = images / Stopwatch.GetElapsedTime(start).TotalSeconds;
    Console.Error.WriteLine($"inference: batch run {r + 1}/{options.Repeats}: {batchRuns[r]:F0} img/s");
}

// (b) Single-image latency: PredictionEngine.Predict of one image, one call at a time, each call timed.
var serial = new DigitPrediction[latencyCalls];
var latencies = new double[latencyCalls];
for (var i = 0; i < latencyCalls; i++)
{
    var start = Stopwatch.GetTimestamp();
    serial[i] = engine.Predict(rows[i]);
    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
var serialSeconds = latencies.Sum() / 1000;

// Diagnostic: the native call alone (Network.Predict into a preallocated buffer, the same network and preprocessing with
// freshly initialized weights: the cost does not depend on the values), i.e. the single-image latency without ML.NET's
// PredictionEngine and the model wrapper. Measured before (c): the prediction thread that BatchConcurrentPredictions
// starts brings a second OpenMP team, which slows single calls from other threads.
var classes = serial[0].Score.Length;
using var network = Network.Create(Architectures.Basic.Resolve(shape, classes).Spec, ComputeDevice.Cpu);
network.SetInputPreprocessing(new CnnTrainerOptions().PixelScale, [], []);
var pixels = rows.SelectMany(r => r.Image).ToArray();
var outputs = new float[classes];
for (var i = 0; i < 200; i++) network.Predict(pixels.AsSpan(i % images * shape.Size, shape.Size), 1, shape, OutputHead.Softmax, outputs);
var native = new double[latencyCalls];
for (var i = 0; i < latencyCalls; i++)
{
    var start = Stopwatch.GetTimestamp();
    network.Predict(pixels.AsSpan(i * shape.Size, shape.Size), 1, shape, OutputHead.Softmax, outputs);
    native[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

// (c) The same images from several threads at once (caller t predicts images t, t + callers, ..., with a PredictionEngine
// of its own over the shared model): the aggregate rate and that the results equal the serial ones; once as the model
// comes (calls one at a time, results bit for bit equal) and once with BatchConcurrentPredictions (waiting requests
// predicted together, equal to float rounding).
// ML.NET's PredictionEngine.Dispose disposes the model too, so the callers' engines are made once and not disposed.
var engines = Enumerable.Range(0, options.Callers).Select(_ => ml.Model.CreatePredictionEngine<DigitRow, DigitPrediction>(model)).ToArray();
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
    BatchSize: BatchSize,
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
(DigitPrediction[] Predictions, double[] Waits, double Seconds) Concurrently(bool batched)
{
    cnn.BatchConcurrentPredictions = batched;
    var predictions = new DigitPrediction[latencyCalls];
    var waits = new double[latencyCalls];
    using var go = new ManualResetEventSlim(false);
    var threads = Enumerable.Range(0, options.Callers).Select(t => new Thread(() =>
    {
        go.Wait();
        for (var i = t; i < latencyCalls; i += options.Callers)
        {
            var start = Stopwatch.GetTimestamp();
            predictions[i] = engines[t].Predict(rows[i]);
            waits[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    }) { IsBackground = true }).ToArray();
    foreach (var thread in threads) thread.Start();
    var begin = Stopwatch.GetTimestamp();
    go.Set();
    foreach (var thread in threads) thread.Join();
    var seconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
    cnn.BatchConcurrentPredictions = false;
    Array.Sort(waits);
    return (predictions, waits, seconds);
}

// Reads every score and predicted label of scored data, as a consumer of Transform does.
static void ScoreAll(IDataView scored)
{
    using var cursor = scored.GetRowCursor([scored.Schema["Score"], scored.Schema["PredictedLabel"]]);
    var score = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
    var label = cursor.GetGetter<uint>(scored.Schema["PredictedLabel"]);
    VBuffer<float> scores = default;
    uint predicted = 0;
    while (cursor.MoveNext())
    {
        score(ref scores);
        label(ref predicted);
    }
}

// Trains the benchmark's model: `basic`, 1 epoch, batch 128, Adam 1e-3, seed 1 on the train split, saved as an ML.NET zip.
static int Train(MLContext ml, Options options)
{
    var train = ml.Data.LoadIdx(options.Data, "train");
    var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
        .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
        {
            ImageColumnName = "Image", Architecture = Architectures.Basic, Epochs = 1, BatchSize = 128, Optimizer = OptimizerKind.Adam,
            LearningRate = 1e-3, Seed = 1, Threads = options.Threads, Device = ComputeDevice.Cpu, Progress = Console.Error,
        }));
    var model = pipeline.Fit(train);
    ml.Model.Save(model, train.Schema, options.Model);
    model.LastTransformer.Dispose();
    Console.Error.WriteLine($"inference: saved {options.Model}");
    return 0;
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

// A row of ml.Data.LoadIdx: the pixels and the label text (any text at prediction; the model reads the image only).
internal sealed class DigitRow
{
    public const int Side = 28;

    [VectorType(1, Side, Side)]
    public byte[] Image { get; set; } = [];

    public string Label { get; set; } = "";
}

// What the CNN adds: the class probabilities and the predicted class (a key: 1-based index, 0 for none).
internal sealed class DigitPrediction
{
    public float[] Score { get; set; } = [];

    [KeyType(10)]
    public uint PredictedLabel { get; set; }
}

internal sealed record Options(string Model, string Data, int Threads, int Repeats, int LatencyCalls, int Callers, bool Train)
{
    private const string Usage = "usage: mlcnn-inference-bench [--train] --model FILE [--data DIR] [--threads N] [--repeats R] [--latency-calls N] [--callers N]";

    public static Options? Parse(string[] args)
    {
        string? model = null;
        var data = "data/fashion-mnist";
        int threads = 2, repeats = 5, calls = 2000, callers = 8;
        var train = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--train")
            {
                train = true;
                continue;
            }
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
                default: return Fail($"unknown option {args[i - 1]}");
            }
        }
        return model is null ? Fail("--model is required") : new Options(model, data, threads, repeats, calls, callers, train);
    }

    private static bool Positive(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    private static Options? Fail(string message)
    {
        Console.Error.WriteLine($"inference: {message}\n{Usage}");
        return null;
    }
}
