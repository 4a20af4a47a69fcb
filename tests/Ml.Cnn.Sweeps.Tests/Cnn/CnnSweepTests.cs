using Microsoft.Data.Sqlite;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Layers;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;

namespace Ml.Cnn.Sweeps.Tests.Cnn;

/// <summary>A sweep over a real ML.NET pipeline ending in the CNN trainer, on a slice of Fashion-MNIST.</summary>
public sealed class CnnSweepTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private sealed class Prediction
    {
        public string PredictedLabel { get; set; } = "";
    }

    private sealed class Truth
    {
        public string Label { get; set; } = "";
    }

    [Fact]
    public void Trials_train_on_the_training_part_report_validation_metrics_and_the_best_model_loads_and_predicts()
    {
        var ml = new MLContext(seed: 1);
        var idx = ml.Data.LoadIdx(RepoPaths.FashionMnist, "train");
        var train = ml.Data.TakeRows(idx, 600);
        var test = ml.Data.TakeRows(ml.Data.LoadIdx(RepoPaths.FashionMnist, "t10k"), 200);
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        var space = new SearchSpace().LogUniform("lr", 1e-4, 3e-3).Choice("batch", 16, 32);
        var trainers = new List<Trainers.CnnTrainer>();
        var options = new SweepOptions
        {
            Study = "fashion", Trials = 4, Sampler = new RandomSampler(), Pruner = new AshaPruner(1, 3), MaxEpochs = 2, Seed = 3,
            Metric = "MicroAccuracy", ModelDirectory = _temp.File("models"), Threads = 2,
        };
        var sweep = new CnnSweep(ml, space, p =>
        {
            var trainer = ml.MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
            {
                ImageColumnName = "Image", Architecture = Architectures.Simple, Epochs = 50, LearningRate = (double)p["lr"], BatchSize = (int)p["batch"],
            });
            trainers.Add(trainer);
            return new TrialPipeline(trainer, Suffix: ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        }, options) { InputTransformer = keys };
        using var storage = new SqliteTrialStorage(_temp.File("s.db"));
        var result = sweep.Run(storage, train);

        Assert.Equal(4, result.Finished);
        Assert.All(trainers, t => Assert.Equal((3, 2, 2), (t.Options.Seed!.Value, t.Options.Epochs, t.Options.Threads!.Value)));
        Assert.All(result.Trials, t => Assert.Equal(t.State == TrialState.Pruned ? 1 : 2, t.Epochs));
        Assert.All(result.Trials.SelectMany(t => t.EpochValues), v => Assert.InRange(v, 0, 1));
        // 600 rows, 20% held out (stratified): the accuracies are multiples of 1/120.
        Assert.All(result.Trials.SelectMany(t => t.EpochValues), v => Assert.Equal(Math.Round(v * 120), v * 120, 6));

        var loaded = new MLContext().Model.Load(result.BestModelPath!, out var schema);
        Assert.Equal(idx.Schema["Label"].Type, schema["Label"].Type);
        var predictions = ml.Data.CreateEnumerable<Prediction>(loaded.Transform(test), reuseRowObject: false, ignoreMissingColumns: true).ToList();
        var truth = ml.Data.CreateEnumerable<Truth>(test, reuseRowObject: false, ignoreMissingColumns: true).ToList();
        var accuracy = predictions.Zip(truth).Count(p => p.First.PredictedLabel == p.Second.Label) / (double)predictions.Count;
        Assert.True(accuracy > 0.4, $"test accuracy {accuracy}");
    }

    [Fact]
    public void A_metric_the_epochs_do_not_report_fails_the_trials_naming_what_is_reported()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.TakeRows(ml.Data.LoadIdx(RepoPaths.FashionMnist, "train"), 100))
            .Transform(ml.Data.TakeRows(ml.Data.LoadIdx(RepoPaths.FashionMnist, "train"), 100));
        var options = new SweepOptions { Study = "bad-metric", Trials = 2, Sampler = new RandomSampler(), MaxEpochs = 1, Metric = "AreaUnderRocCurve", MaxConsecutiveFailures = 2 };
        var sweep = new CnnSweep(ml, new SearchSpace().LogUniform("lr", 1e-4, 1e-3), p => new TrialPipeline(ml.MulticlassClassification.Trainers.Cnn(
            new CnnTrainerOptions { ImageColumnName = "Image", Architecture = Architectures.Simple, LearningRate = (double)p["lr"] })), options);
        using var storage = new SqliteTrialStorage(_temp.File("s.db"));
        var e = Assert.Throws<InvalidOperationException>(() => sweep.Run(storage, train));
        Assert.Contains("AreaUnderRocCurve is not reported", e.Message);
        Assert.Contains("MicroAccuracy", e.Message);
    }
}
