using Microsoft.ML;
using Ml.Cnn.Engine;
using Ml.Cnn.Estimators.Tests.Trainers;
using Ml.Cnn.Schedules;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Trainers;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Training;

/// <summary>
/// The training loop as ML.NET users drive it through the CNN trainer: checkpoints and resume, cancellation, early
/// stopping, validation metrics, optimizers, schedules and batch events.
/// </summary>
public class TrainingLoopTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static CnnTrainerOptions Tiny(int epochs = 3)
    {
        var options = Slices.Small();
        options.Epochs = epochs;
        options.BatchSize = 50;
        return options;
    }

    private static IDataView Train(int count) => Slices.Keyed(Ml, FashionMnist.Train(count));

    private static CnnTrainer Trainer(CnnTrainerOptions options) => Ml.MulticlassClassification.Trainers.Cnn(options);

    [Fact]
    public void Resuming_from_a_checkpoint_finishes_with_the_weights_of_an_uninterrupted_run()
    {
        var data = Train(300);
        var test = Slices.Keyed(Ml, FashionMnist.Test(20));
        using var folder = new TempFolder();

        var straight = Tiny();
        straight.Optimizer = OptimizerKind.Sgd;
        straight.Schedule = LearningRateSchedule.Step(1, 0.5);
        straight.CheckpointDirectory = folder.File("a");
        float[][] expected;
        using (var model = Trainer(straight).Fit(data)) expected = Slices.Scores(model.Transform(test));

        var interrupted = Tiny();
        interrupted.Optimizer = OptimizerKind.Sgd;
        interrupted.Schedule = LearningRateSchedule.Step(1, 0.5);
        interrupted.CheckpointDirectory = folder.File("b");
        using var cancel = new CancellationTokenSource();
        var trainer = Trainer(interrupted);
        trainer.BatchCompleted += (_, e) => { if (e.Epoch == 3 && e.Batch == 2) cancel.Cancel(); };
        using (var partial = trainer.Fit(data, null, cancel.Token))
        {
            Assert.Equal(TrainingStopReason.Cancelled, partial.History!.StopReason);
            Assert.Equal(2, partial.History.Epochs.Count);
            Assert.Equal(20, Slices.Scores(partial.Transform(test)).Length);
        }

        interrupted.Resume = true;
        using var resumed = Trainer(interrupted).Fit(data);
        Assert.Equal(2, resumed.History!.ResumedAfterEpoch);
        Assert.Equal(3, resumed.History.Epochs.Count);
        Assert.Equal([0.001, 0.0005, 0.00025], resumed.History.Epochs.Select(e => e.LearningRate));
        Assert.Equal(expected, Slices.Scores(resumed.Transform(test)));
    }

    [Fact]
    public void Resume_refuses_a_checkpoint_of_another_setup()
    {
        using var folder = new TempFolder();
        var first = Tiny(1);
        first.CheckpointDirectory = folder.Path;
        Trainer(first).Fit(Train(100)).Dispose();
        Assert.True(File.Exists(folder.File("latest.ckpt")));

        var other = Tiny(2);
        other.CheckpointDirectory = folder.Path;
        other.Resume = true;
        other.Optimizer = OptimizerKind.Sgd;
        var e = Assert.Throws<InvalidOperationException>(() => Trainer(other).Fit(Train(100)));
        Assert.Contains("another training setup", e.Message);
    }

    [Fact]
    public void An_unwritable_checkpoint_folder_fails_before_training_starts()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("a-file"), "x");
        var options = Tiny(1);
        options.CheckpointDirectory = Path.Combine(folder.File("a-file"), "checkpoints");
        var trainer = Trainer(options);
        var epochs = 0;
        trainer.EpochCompleted += (_, _) => epochs++;
        var e = Assert.Throws<IOException>(() => trainer.Fit(Train(50)));
        Assert.Contains("cannot be written", e.Message);
        Assert.Equal(0, epochs);
    }

    [Fact]
    public void Early_stopping_stops_after_patience_and_restores_the_best_epoch()
    {
        // Training loss falls every epoch, so "maximize TrainLoss" never improves after epoch 1.
        var options = Tiny(6);
        options.EarlyStopping = new EarlyStopping { Monitor = "TrainLoss", Maximize = true, Patience = 2 };
        using var model = Trainer(options).Fit(Train(300));

        Assert.Equal(TrainingStopReason.EarlyStopped, model.History!.StopReason);
        Assert.Equal(3, model.History.Epochs.Count);
        Assert.Equal(1, model.History.RestoredEpoch);

        using var firstEpochOnly = Trainer(Tiny(1)).Fit(Train(300));
        var test = Slices.Keyed(Ml, FashionMnist.Test(10));
        Assert.Equal(Slices.Scores(firstEpochOnly.Transform(test)), Slices.Scores(model.Transform(test)));
    }

    [Fact]
    public void A_validation_monitor_without_validation_data_is_refused_before_training()
    {
        var options = Tiny(2);
        options.EarlyStopping = new EarlyStopping { Monitor = "ValidationLoss" };
        var e = Assert.Throws<ArgumentException>(() => Trainer(options).Fit(Train(50)));
        Assert.Contains("no validation data", e.Message);
    }

    [Fact]
    public void Validation_data_reports_the_tasks_metrics_and_a_log_line_every_epoch_and_they_can_be_monitored()
    {
        var options = Tiny(2);
        options.EarlyStopping = new EarlyStopping { Monitor = "MacroAccuracy", Patience = 5 };
        var ml = new MLContext(seed: 1);
        var log = new List<string>();
        ml.Log += (_, e) => { lock (log) log.Add(e.RawMessage); };
        var trainer = ml.MulticlassClassification.Trainers.Cnn(options);
        var events = new List<EpochMetrics>();
        trainer.EpochCompleted += (_, e) => events.Add(e.Metrics);
        using var model = trainer.Fit(Train(300), Slices.Keyed(Ml, FashionMnist.Test(100)));
        Assert.Equal(2, events.Count);
        var lines = log.Where(m => m.StartsWith("epoch ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("epoch 2/2", lines[1]);
        Assert.Contains("val_acc", lines[1]);
        Assert.All(events, e => Assert.Equal(300, e.Images));
        Assert.All(events, e => Assert.InRange(e.ValidationAccuracy!.Value, 0.2, 1.0));
        var metrics = model.History!.Epochs[^1].ValidationMetrics;
        Assert.InRange(metrics["MacroAccuracy"], 0.2, 1.0);
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
        using var model = Trainer(options).Fit(Train(600));
        Assert.True(model.History!.Epochs[1].TrainLoss < model.History.Epochs[0].TrainLoss,
            $"{kind}: {model.History.Epochs[0].TrainLoss} -> {model.History.Epochs[1].TrainLoss}");
    }

    [Fact]
    public void The_history_names_the_precision_the_steps_ran_in_the_device_default_when_none_is_chosen()
    {
        using var byDefault = Trainer(Tiny(1)).Fit(Train(100));
        Assert.Equal(Torch.DefaultPrecision(ComputeDevice.Cpu), byDefault.History!.Precision);
        var options = Tiny(1);
        options.Precision = TrainingPrecision.Float32;
        using var chosen = Trainer(options).Fit(Train(100));
        Assert.Equal(TrainingPrecision.Float32, chosen.History!.Precision);
    }

    [Fact]
    public void Batch_events_report_running_metrics_and_the_scheduled_rate()
    {
        var options = Tiny(2);
        options.Schedule = LearningRateSchedule.OneCycle(0.01);
        var trainer = Trainer(options);
        var events = new List<BatchCompletedEventArgs>();
        trainer.BatchCompleted += (_, e) => events.Add(e);
        using var model = trainer.Fit(Train(200));
        Assert.Equal(8, events.Count);
        Assert.All(events, e => Assert.Equal(4, e.Batches));
        Assert.Equal(0.01 / 25, events[0].LearningRate, 1e-12);
        Assert.True(events.Max(e => e.LearningRate) > events[0].LearningRate);
        Assert.All(events, e => Assert.NotNull(e.Accuracy));
    }

    [Fact]
    public void Balanced_sampling_with_one_cycle_counts_the_oversampled_epoch()
    {
        var rows = FashionMnist.Train(600).Where((row, i) => row.Label != "3" || i % 10 == 0).ToArray();
        var options = Tiny(2);
        options.BalancedSampling = true;
        options.Schedule = LearningRateSchedule.OneCycle(0.01);
        using var model = Trainer(options).Fit(Slices.Keyed(Ml, rows));
        Assert.Equal(2, model.History!.Epochs.Count);
        Assert.True(model.History.Epochs[0].Images > rows.Length);
    }

    [Fact]
    public void A_one_class_validation_set_is_checkpointed_and_a_finished_early_stop_is_not_resumed()
    {
        using var folder = new TempFolder();
        var rows = TaskRow.Of(FashionMnist.Train(200));
        var train = Ml.Data.LoadFromEnumerable(rows);
        var validation = Ml.Data.LoadFromEnumerable(rows.Where(r => !r.IsFootwear).Take(20));
        var options = TaskRow.Small(nameof(TaskRow.IsFootwear));
        options.Seed = 7; // resuming needs the seed of the first run; an MLContext draws a new one for every Fit
        options.Epochs = 6;
        options.BatchSize = 50;
        options.CheckpointDirectory = folder.Path;
        options.EarlyStopping = new EarlyStopping { Monitor = "TrainLoss", Maximize = true, Patience = 1 };
        using (var model = Ml.BinaryClassification.Trainers.Cnn(options).Fit(train, validation))
        {
            Assert.NotNull(model.History!.Epochs[0].ValidationLoss);
            Assert.Equal(TrainingStopReason.EarlyStopped, model.History.StopReason);
            Assert.Equal(2, model.History.Epochs.Count);
        }
        options.Resume = true;
        var trainer = Ml.BinaryClassification.Trainers.Cnn(options);
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
        var e = Assert.Throws<ArgumentException>(() => Trainer(options).Fit(Train(50)));
        Assert.Contains("MacroAccuracy", e.Message);
        Assert.True(new EarlyStopping { Monitor = "LogLossReduction" }.IsMaximized);

        var scaled = Tiny(1);
        scaled.PixelScale = 1;
        var flipping = Ml.Transforms.RandomFlip("Image").Append(Trainer(scaled));
        Assert.Contains("PixelScale", Assert.Throws<ArgumentException>(() => flipping.Fit(Train(50))).Message);
    }
}
