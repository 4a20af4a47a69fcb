using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Schedules;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Estimators.Tests.Training;

public class TrainingLoopTests
{
    private static CnnTrainerOptions Tiny(int epochs = 3)
    {
        var options = Workout.Small();
        options.Epochs = epochs;
        options.BatchSize = 50;
        return options;
    }

    [Fact]
    public void Resuming_from_a_checkpoint_finishes_with_the_weights_of_an_uninterrupted_run()
    {
        var data = FashionMnist.Train(300);
        var test = FashionMnist.Test(20);
        using var folder = new TempFolder();

        var straight = Tiny();
        straight.Optimizer = OptimizerKind.Sgd;
        straight.Schedule = LearningRateSchedule.Step(1, 0.5);
        straight.CheckpointDirectory = folder.File("a");
        float[] expected;
        using (var model = new CnnContext(1).MulticlassClassification.Trainers.Cnn(straight).Fit(data))
            expected = model.Transform(test).GetColumn<VectorColumn>("Score").Values.ToArray();

        var interrupted = Tiny();
        interrupted.Optimizer = OptimizerKind.Sgd;
        interrupted.Schedule = LearningRateSchedule.Step(1, 0.5);
        interrupted.CheckpointDirectory = folder.File("b");
        using var cancel = new CancellationTokenSource();
        var trainer = new CnnContext(1).MulticlassClassification.Trainers.Cnn(interrupted);
        trainer.BatchCompleted += (_, e) => { if (e.Epoch == 3 && e.Batch == 2) cancel.Cancel(); };
        using (var partial = trainer.Fit(data, null, cancel.Token))
        {
            Assert.Equal(TrainingStopReason.Cancelled, partial.History!.StopReason);
            Assert.Equal(2, partial.History.Epochs.Count);
            Assert.Equal(20, partial.Transform(test).RowCount);
        }

        interrupted.Resume = true;
        using var resumed = new CnnContext(1).MulticlassClassification.Trainers.Cnn(interrupted).Fit(data);
        Assert.Equal(2, resumed.History!.ResumedAfterEpoch);
        Assert.Equal(3, resumed.History.Epochs.Count);
        Assert.Equal([0.001, 0.0005, 0.00025], resumed.History.Epochs.Select(e => e.LearningRate));
        Assert.Equal(expected, resumed.Transform(test).GetColumn<VectorColumn>("Score").Values.ToArray());
    }

    [Fact]
    public void Resume_refuses_a_checkpoint_of_another_setup()
    {
        using var folder = new TempFolder();
        var first = Tiny(1);
        first.CheckpointDirectory = folder.Path;
        new CnnContext(1).MulticlassClassification.Trainers.Cnn(first).Fit(FashionMnist.Train(100)).Dispose();
        Assert.True(File.Exists(folder.File("latest.ckpt")));

        var other = Tiny(2);
        other.CheckpointDirectory = folder.Path;
        other.Resume = true;
        other.Optimizer = OptimizerKind.Sgd;
        var e = Assert.Throws<InvalidOperationException>(() => new CnnContext(1).MulticlassClassification.Trainers.Cnn(other).Fit(FashionMnist.Train(100)));
        Assert.Contains("another training setup", e.Message);
    }

    [Fact]
    public void An_unwritable_checkpoint_folder_fails_before_training_starts()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("a-file"), "x");
        var options = Tiny(1);
        options.CheckpointDirectory = Path.Combine(folder.File("a-file"), "checkpoints");
        var trainer = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options);
        var epochs = 0;
        trainer.EpochCompleted += (_, _) => epochs++;
        var e = Assert.Throws<IOException>(() => trainer.Fit(FashionMnist.Train(50)));
        Assert.Contains("cannot be written", e.Message);
        Assert.Equal(0, epochs);
    }

    [Fact]
    public void Early_stopping_stops_after_patience_and_restores_the_best_epoch()
    {
        // Training loss falls every epoch, so "maximize TrainLoss" never improves after epoch 1.
        var options = Tiny(6);
        options.EarlyStopping = new EarlyStopping { Monitor = "TrainLoss", Maximize = true, Patience = 2 };
        var trainer = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options);
        using var model = trainer.Fit(FashionMnist.Train(300));

        Assert.Equal(TrainingStopReason.EarlyStopped, model.History!.StopReason);
        Assert.Equal(3, model.History.Epochs.Count);
        Assert.Equal(1, model.History.RestoredEpoch);

        var one = Tiny(1);
        using var firstEpochOnly = new CnnContext(1).MulticlassClassification.Trainers.Cnn(one).Fit(FashionMnist.Train(300));
        var test = FashionMnist.Test(10);
        Assert.Equal(firstEpochOnly.Transform(test).GetColumn<VectorColumn>("Score").Values.ToArray(),
            model.Transform(test).GetColumn<VectorColumn>("Score").Values.ToArray());
    }

    [Fact]
    public void A_validation_monitor_without_validation_data_is_refused_before_training()
    {
        var options = Tiny(2);
        options.EarlyStopping = new EarlyStopping { Monitor = "ValidationLoss" };
        var e = Assert.Throws<ArgumentException>(() => new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(FashionMnist.Train(50)));
        Assert.Contains("no validation data", e.Message);
    }

    [Fact]
    public void Validation_metrics_of_the_task_are_recorded_and_can_be_monitored()
    {
        var options = Tiny(2);
        options.ValidationFraction = 0.2;
        options.EarlyStopping = new EarlyStopping { Monitor = "MacroAccuracy", Patience = 5 };
        using var model = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(FashionMnist.Train(300));
        var metrics = model.History!.Epochs[^1].ValidationMetrics;
        Assert.True(metrics.ContainsKey("MacroAccuracy"));
        Assert.True(metrics.ContainsKey("LogLoss"));
        Assert.True(new EarlyStopping { Monitor = "MacroAccuracy" }.IsMaximized);
        Assert.False(new EarlyStopping { Monitor = "ValidationLoss" }.IsMaximized);
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.AdaGrad)]
    [InlineData(OptimizerKind.RmsProp)]
    public void Every_optimizer_lowers_the_training_loss(OptimizerKind kind)
    {
        var options = Tiny(2);
        options.Optimizer = kind;
        options.LearningRate = kind == OptimizerKind.Sgd ? 0.05 : kind == OptimizerKind.AdaGrad ? 0.01 : 0.001;
        options.GradientClipNorm = 5;
        options.L1Regularization = 1e-5;
        using var model = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(FashionMnist.Train(600));
        Assert.True(model.History!.Epochs[1].TrainLoss < model.History.Epochs[0].TrainLoss,
            $"{kind}: {model.History.Epochs[0].TrainLoss} -> {model.History.Epochs[1].TrainLoss}");
    }

    [Fact]
    public void Batch_events_report_running_metrics_and_the_scheduled_rate()
    {
        var options = Tiny(2);
        options.Schedule = LearningRateSchedule.OneCycle(0.01);
        var trainer = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options);
        var events = new List<BatchCompletedEventArgs>();
        trainer.BatchCompleted += (_, e) => events.Add(e);
        using var model = trainer.Fit(FashionMnist.Train(200));
        Assert.Equal(8, events.Count);
        Assert.All(events, e => Assert.Equal(4, e.Batches));
        Assert.Equal(0.01 / 25, events[0].LearningRate, 1e-12);
        Assert.True(events.Max(e => e.LearningRate) > events[0].LearningRate);
        Assert.All(events, e => Assert.NotNull(e.Accuracy));
    }

    [Fact]
    public void Balanced_sampling_with_one_cycle_counts_the_oversampled_epoch()
    {
        var all = FashionMnist.Train(600);
        var labels = all.GetColumn<ScalarColumn<string>>("Label").Values;
        var data = all.Select(Enumerable.Range(0, 600).Where(i => labels[i] != "3" || i % 10 == 0).ToArray());
        var options = Tiny(2);
        options.BalancedSampling = true;
        options.Schedule = LearningRateSchedule.OneCycle(0.01);
        using var model = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(data);
        Assert.Equal(2, model.History!.Epochs.Count);
        Assert.True(model.History.Epochs[0].Images > data.RowCount);
    }

    [Fact]
    public void A_NaN_validation_metric_is_checkpointed_and_a_finished_early_stop_is_not_resumed()
    {
        using var folder = new TempFolder();
        var train = TaskData.Binary(FashionMnist.Train(200));
        var validation = train.Select(Enumerable.Range(0, 200).Where(i => !train.GetColumn<ScalarColumn<bool>>("Label").Values[i]).Take(20).ToArray());
        var options = Tiny(6);
        options.CheckpointDirectory = folder.Path;
        options.EarlyStopping = new EarlyStopping { Monitor = "TrainLoss", Maximize = true, Patience = 1 };
        using (var model = new CnnContext(1).BinaryClassification.Trainers.Cnn(options).Fit(train, validation))
        {
            Assert.True(double.IsNaN(model.History!.Epochs[0].ValidationMetrics["AreaUnderRocCurve"]));
            Assert.Equal(TrainingStopReason.EarlyStopped, model.History.StopReason);
            Assert.Equal(2, model.History.Epochs.Count);
        }
        options.Resume = true;
        var trainer = new CnnContext(1).BinaryClassification.Trainers.Cnn(options);
        var epochs = 0;
        trainer.EpochCompleted += (_, _) => epochs++;
        using var resumed = trainer.Fit(train, validation);
        Assert.Equal(0, epochs);
        Assert.Equal(TrainingStopReason.EarlyStopped, resumed.History!.StopReason);
    }

    [Fact]
    public void A_monitor_the_task_does_not_report_and_a_pixel_scale_augmentations_cannot_use_are_refused_before_training()
    {
        var options = Tiny(1);
        options.ValidationFraction = 0.2;
        options.EarlyStopping = new EarlyStopping { Monitor = "MacroAcuracy" };
        var e = Assert.Throws<ArgumentException>(() => new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(FashionMnist.Train(50)));
        Assert.Contains("MacroAccuracy", e.Message);
        Assert.True(new EarlyStopping { Monitor = "LogLossReduction" }.IsMaximized);

        var context = new CnnContext(1);
        var data = FashionMnist.Train(50);
        var flipped = context.Transforms.RandomFlip().Fit(data).Transform(data);
        var scaled = Tiny(1);
        scaled.PixelScale = 1;
        Assert.Contains("PixelScale", Assert.Throws<ArgumentException>(() => context.MulticlassClassification.Trainers.Cnn(scaled).Fit(flipped)).Message);
    }
}
