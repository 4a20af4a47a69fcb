using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Model;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Model;

public class CnnModelConcurrencyTests
{
    private static readonly Lazy<CnnMulticlassModel> Trained = new(() =>
    {
        var options = Training.Workout.Small();
        options.Epochs = 1;
        return new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(FashionMnist.Train(200));
    });

    private static readonly Lazy<ImageColumn> Images = new(() => FashionMnist.Test(64).GetColumn<ImageColumn>("Image"));

    [Fact]
    public void Many_threads_predicting_with_one_model_get_the_serial_results()
    {
        using var model = Copy(Trained.Value);
        var images = Images.Value;
        var serial = Enumerable.Range(0, 64).Select(i => model.Predict(images.GetImage(i)).Score).ToArray();

        var parallel = new float[64][];
        Parallel.For(0, 64 * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            var i = k % 64;
            var score = model.Predict(images.GetImage(i)).Score;
            if (k >= 64 * 3) parallel[i] = score;
            Assert.Equal(serial[i], score);
        });
        Assert.All(Enumerable.Range(0, 64), i => Assert.Equal(serial[i], parallel[i]));
    }

    [Fact]
    public void Batching_concurrent_predictions_makes_fewer_native_calls_with_the_serial_results_to_float_rounding()
    {
        using var model = Copy(Trained.Value);
        var images = Images.Value;
        var serial = Enumerable.Range(0, 64).Select(i => model.Predict(images.GetImage(i))).ToArray();
        model.BatchConcurrentPredictions = true;
        var callsBefore = model.PredictionCalls;

        const int callers = 8;
        const int requests = 64 * callers;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, callers).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 64; i++)
            {
                var prediction = model.Predict(images.GetImage(i));
                var worst = prediction.Score.Select((s, c) => Math.Abs(s - serial[i].Score[c])).Max();
                if (prediction.PredictedLabel != serial[i].PredictedLabel || worst > 1e-5) failures.Add($"caller {t}, image {i}: {worst}");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);

        var calls = model.PredictionCalls - callsBefore;
        Assert.True(calls < requests, $"{requests} concurrent single-image requests took {calls} native calls");
    }

    [Fact]
    public void Batches_and_transforms_from_many_threads_equal_serial_ones()
    {
        using var model = Copy(Trained.Value);
        var test = FashionMnist.Test(300);
        var pixels = test.GetColumn<ImageColumn>("Image").Pixels.ToArray();
        var serial = model.PredictBatch(pixels, 300).Select(p => p.Score).ToArray();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            var scores = k % 2 == 0
                ? model.PredictBatch(pixels, 300).Select(p => p.Score).ToArray()
                : Rows(model.Transform(test).GetColumn<VectorColumn>("Score"), 300);
            for (var i = 0; i < 300; i++) Assert.Equal(serial[i], scores[i]);
        });
    }

    [Fact]
    public void A_disposed_model_refuses_to_predict()
    {
        var model = Copy(Trained.Value);
        var image = Images.Value.GetImage(0).ToArray();
        model.Predict(image);
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.Predict(image));
    }

    private static CnnMulticlassModel Copy(CnnMulticlassModel model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mlcnn-concurrency-{Guid.NewGuid():N}.mlcnn");
        try
        {
            model.Save(path);
            return CnnMulticlassModel.Load(path, ComputeDevice.Cpu);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static float[][] Rows(VectorColumn column, int rows) =>
        Enumerable.Range(0, rows).Select(i => column.GetRow(i).ToArray()).ToArray();
}
