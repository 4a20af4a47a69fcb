using Ml.Cnn.Legacy;
using Ml.Cnn.Losses;
using Ml.Cnn.Model;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Metrics;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Training;

public class CnnMulticlassTrainerTests
{
    private static CnnTrainerOptions Small(int seed = 7) => new()
    {
        Architecture = Architectures.Simple, Epochs = 2, BatchSize = 64, Seed = seed, Device = ComputeDevice.Cpu, Threads = 2,
    };

    [Theory]
    [InlineData("focal")]
    [InlineData("hinge")]
    [InlineData("smoothing")]
    [InlineData("sum")]
    [InlineData("keras")]
    public void Every_multiclass_loss_beats_chance_by_a_wide_margin(string choice)
    {
        var options = Small();
        options.Epochs = 1;
        options.Loss = choice switch
        {
            "focal" => Loss.Focal(gamma: 2, alpha: 0.5),
            "hinge" => Loss.Hinge(margin: 1, power: 2),
            "smoothing" => Loss.CrossEntropy(labelSmoothing: 0.1),
            "sum" => Loss.WeightedSum((Loss.CrossEntropy(), 0.5), (Loss.Focal(), 0.5)),
            _ => Loss.CrossEntropy(),
        };
        var train = FashionMnist.Train(1500);
        if (choice == "keras")
        {
            options.LossReduction = LossReduction.SumOverBatchSize;
            options.ExampleWeightColumnName = "Weight";
            options.ClassWeights = new Dictionary<string, float> { ["0"] = 2f, ["6"] = 2f };
            train = train.WithColumn(new ScalarColumn<float>("Weight", Enumerable.Range(0, 1500).Select(i => 0.5f + i % 2).ToArray()));
        }
        var context = new CnnContext(3);
        using var model = context.MulticlassClassification.Trainers.Cnn(options).Fit(train);
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(FashionMnist.Test(500)));
        Assert.True(metrics.MicroAccuracy > 0.55, $"{choice}: MicroAccuracy {metrics.MicroAccuracy} (chance is 0.10)");
    }

    [Fact]
    public void Training_on_a_small_slice_beats_chance_by_a_wide_margin()
    {
        var context = new CnnContext(3);
        using var model = context.MulticlassClassification.Trainers.Cnn(Small()).Fit(FashionMnist.Train(3000));
        var metrics = context.MulticlassClassification.Evaluate(model.Transform(FashionMnist.Test(1000)));
        Assert.True(metrics.MicroAccuracy > 0.65, $"MicroAccuracy {metrics.MicroAccuracy} (chance is 0.10)");
        Assert.True(metrics.LogLossReduction > 0.4, $"LogLossReduction {metrics.LogLossReduction}");
        Assert.Equal(2, model.History!.Epochs.Count);
        Assert.True(model.History.Epochs[1].TrainLoss < model.History.Epochs[0].TrainLoss);
    }

    [Fact]
    public void The_same_seed_gives_identical_weights_and_metrics_and_another_seed_does_not()
    {
        double Run(int seed, out float[] weights)
        {
            var context = new CnnContext();
            using var model = context.MulticlassClassification.Trainers.Cnn(Small(seed)).Fit(FashionMnist.Train(1000));
            using (var w = model.Network.GetState("4.weight")) weights = w.ToArray();
            return context.MulticlassClassification.Evaluate(model.Transform(FashionMnist.Test(500))).LogLoss;
        }

        var first = Run(11, out var w1);
        var second = Run(11, out var w2);
        var other = Run(12, out var w3);
        Assert.Equal(first, second);
        Assert.Equal(w1, w2);
        Assert.NotEqual(w1, w3);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Validation_fraction_reports_validation_metrics_and_progress_every_epoch()
    {
        var progress = new StringWriter();
        var options = Small();
        options.ValidationFraction = 0.2;
        options.Progress = progress;
        var trainer = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options);
        var events = new List<EpochMetrics>();
        trainer.EpochCompleted += (_, e) => events.Add(e.Metrics);
        using var model = trainer.Fit(FashionMnist.Train(1000));
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.InRange(e.ValidationAccuracy!.Value, 0.3, 1.0));
        Assert.All(events, e => Assert.Equal(800, e.Images));
        var lines = progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("epoch 2/2", lines[1]);
        Assert.Contains("val_acc", lines[1]);
    }

    [Fact]
    public void No_native_handles_outlive_a_fit_and_dispose_cycle()
    {
        var before = SettledHandles();
        var context = new CnnContext(5);
        var model = context.MulticlassClassification.Trainers.Cnn(Small()).Fit(FashionMnist.Train(300));
        context.MulticlassClassification.Evaluate(model.Transform(FashionMnist.Test(100)));
        model.Save(Path.Combine(Path.GetTempPath(), $"leak-{Guid.NewGuid():N}.mlcnn"));
        var trained = SettledHandles();
        model.Dispose();
        var after = SettledHandles();
        Assert.True(trained.Networks - after.Networks >= 1, $"Dispose left the network alive ({trained} before, {after} after)");
        AssertNothingLeaked(before, after);
    }

    [Fact]
    public void A_validation_label_never_seen_in_training_names_the_row()
    {
        var train = FashionMnist.Train(200);
        var validation = FashionMnist.Test(5);
        var labels = validation.GetColumn<ScalarColumn<string>>("Label").Values.ToArray();
        labels[3] = "unicorn";
        validation = validation.WithColumn(new ScalarColumn<string>("Label", labels));
        var trainer = new CnnContext(1).MulticlassClassification.Trainers.Cnn(Small());
        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(train, validation));
        Assert.Contains("Row 3", e.Message);
        Assert.Contains("unicorn", e.Message);
    }

    [Fact]
    public void A_diverging_run_stops_with_the_epoch_and_batch()
    {
        var options = Small();
        options.Optimizer = OptimizerKind.Sgd;
        options.LearningRate = 1e30;
        var trainer = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options);
        var before = SettledHandles();
        var e = Assert.Throws<TrainingException>(() => trainer.Fit(FashionMnist.Train(640)));
        Assert.Equal(1, e.Epoch);
        Assert.InRange(e.Batch, 1, 10);
        Assert.Contains($"epoch 1, batch {e.Batch}", e.Message);
        Assert.Contains("the loss is", e.Message);
        Assert.IsType<CnnMulticlassModel>(e.LastGoodModel).Dispose();
        AssertNothingLeaked(before, SettledHandles());
    }

    [Fact]
    public void Example_weights_must_be_finite_and_non_negative()
    {
        var data = FashionMnist.Train(10);
        var weights = Enumerable.Repeat(1f, 10).ToArray();
        weights[4] = -1;
        data = data.WithColumn(new ScalarColumn<float>("Weight", weights));
        var options = Small();
        options.ExampleWeightColumnName = "Weight";
        var e = Assert.Throws<ArgumentException>(() => new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(data));
        Assert.Contains("row 4", e.Message);
    }

    [Fact]
    public void Zero_weight_examples_do_not_move_the_weights()
    {
        var data = FashionMnist.Train(128);
        data = data.WithColumn(new ScalarColumn<float>("Weight", new float[128]));
        var weighted = Small();
        weighted.ExampleWeightColumnName = "Weight";
        weighted.Epochs = 1;
        using var fresh = Network.Create(Architectures.Simple.Resolve(new ImageShape(1, 28, 28), 10).Spec, ComputeDevice.Cpu, 7);
        using var model = new CnnContext(1).MulticlassClassification.Trainers.Cnn(weighted).Fit(data);
        using var initial = fresh.GetState("4.weight");
        using var trained = model.Network.GetState("4.weight");
        Assert.Equal(initial.ToArray(), trained.ToArray());
    }

    /// <summary>
    /// Every count is back where it was; networks may be fewer, since a model an earlier test still held (a fixture, a
    /// lazy field) can be freed while this test runs.
    /// </summary>
    private static void AssertNothingLeaked(LiveHandleCounts before, LiveHandleCounts after)
    {
        Assert.Equal(before with { Networks = 0 }, after with { Networks = 0 });
        Assert.True(after.Networks <= before.Networks, $"a network outlived the test ({before} before, {after} after)");
    }

    /// <summary>Live handles once the garbage of earlier tests (models nobody disposed) is finalized.</summary>
    private static LiveHandleCounts SettledHandles()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Torch.LiveHandles;
    }
}
