using Microsoft.ML;
using Ml.Cnn.Scoring;

namespace Ml.Cnn.Estimators.Tests.Scoring;

/// <summary>
/// One trained CNN shared by threads: PredictionEngines (one per thread) and Transforms running at once give the serial
/// results, batching concurrent predictions makes fewer native calls, and a disposed model refuses to predict.
/// </summary>
public sealed class CnnTransformerConcurrencyTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static readonly FashionRow[] Images = FashionMnist.Test(64);

    /// <summary>What the model predicts for one row.</summary>
    public sealed class Prediction
    {
        public float[] Score { get; set; } = [];

        public uint PredictedLabel { get; set; }
    }

    private static CnnTransformer Trained()
    {
        var options = Slices.Small();
        options.Epochs = 1;
        return Ml.MulticlassClassification.Trainers.Cnn(options).Fit(Slices.Keyed(Ml, FashionMnist.Train(200)));
    }

    /// <summary>A PredictionEngine that leaves the model alive when it is disposed (ML.NET's engines own their model by default).</summary>
    private static PredictionEngine<FashionRow, Prediction> Engine(CnnTransformer model) =>
        Ml.Model.CreatePredictionEngine<FashionRow, Prediction>(model, new PredictionEngineOptions { OwnsTransformer = false });

    private static Prediction[] Serial(CnnTransformer model)
    {
        using var engine = Engine(model);
        return [.. Images.Select(row => engine.Predict(row))];
    }

    [Fact]
    public void Many_threads_predicting_with_one_model_get_the_serial_results()
    {
        using var model = Trained();
        var serial = Serial(model);
        var engines = new ThreadLocal<PredictionEngine<FashionRow, Prediction>>(() => Engine(model), trackAllValues: true);
        var parallel = new float[64][];
        Parallel.For(0, 64 * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            var i = k % 64;
            var score = engines.Value!.Predict(Images[i]).Score;
            if (k >= 64 * 3) parallel[i] = score;
            Assert.Equal(serial[i].Score, score);
        });
        foreach (var engine in engines.Values) engine.Dispose();
        Assert.All(Enumerable.Range(0, 64), i => Assert.Equal(serial[i].Score, parallel[i]));
    }

    [Fact]
    public void Batching_concurrent_predictions_makes_fewer_native_calls_with_the_serial_results_to_float_rounding()
    {
        using var model = Trained();
        var serial = Serial(model);
        model.BatchConcurrentPredictions = true;
        var callsBefore = model.Model.PredictionCalls;

        const int callers = 8;
        const int requests = 64 * callers;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, callers).Select(t => new Thread(() =>
        {
            using var engine = Engine(model);
            for (var i = 0; i < 64; i++)
            {
                var prediction = engine.Predict(Images[i]);
                var worst = prediction.Score.Select((s, c) => Math.Abs(s - serial[i].Score[c])).Max();
                if (prediction.PredictedLabel != serial[i].PredictedLabel || worst > 1e-5) failures.Add($"caller {t}, image {i}: {worst}");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        var calls = model.Model.PredictionCalls - callsBefore;
        Assert.True(calls < requests, $"{requests} concurrent single-image requests took {calls} native calls");
    }

    [Fact]
    public void Transforms_from_many_threads_equal_a_serial_one()
    {
        using var model = Trained();
        var test = Slices.Keyed(Ml, FashionMnist.Test(300));
        var serial = Slices.Scores(model.Transform(test));
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => Assert.Equal(serial, Slices.Scores(model.Transform(test))));
    }

    [Fact]
    public void A_disposed_model_refuses_to_predict()
    {
        var model = Trained();
        var engine = Engine(model);
        engine.Predict(Images[0]);
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => engine.Predict(Images[0]));
        Assert.Throws<ObjectDisposedException>(() => Slices.Scores(model.Transform(Slices.Keyed(Ml, Images))));
    }
}
