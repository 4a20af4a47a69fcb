using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>
/// What goes wrong in training through ML.NET's catalogs: bad rows name themselves, a diverging run names its epoch and
/// batch and keeps the last good model, zero weights do not train, and no native handle outlives a model.
/// </summary>
public sealed class TrainingFailureTests
{
    private static readonly MLContext Ml = new(seed: 1);

    [Fact]
    public void A_diverging_run_stops_with_the_epoch_and_batch_and_keeps_the_last_good_model()
    {
        var options = Slices.Small();
        options.Optimizer = OptimizerKind.Sgd;
        options.LearningRate = 1e30;
        var trainer = Ml.MulticlassClassification.Trainers.Cnn(options);
        var data = Slices.Keyed(Ml, FashionMnist.Train(640));
        var before = SettledHandles();
        var e = Assert.Throws<TrainingException>(() => trainer.Fit(data));
        Assert.Equal(1, e.Epoch);
        Assert.InRange(e.Batch, 1, 10);
        Assert.Contains($"epoch 1, batch {e.Batch}", e.Message);
        Assert.Contains("the loss is", e.Message);
        var lastGood = Assert.IsType<CnnTransformer>(e.LastGoodTransformer);
        Assert.Equal(CnnTask.Multiclass, lastGood.Task);
        lastGood.Dispose();
        AssertNothingLeaked(before, SettledHandles());
    }

    [Fact]
    public void A_non_finite_loss_names_the_batch_and_the_last_good_model_scores_finite_values()
    {
        var rows = TaskRow.Of(FashionMnist.Train(256));
        rows[130].Targets = [1e30f, rows[130].Targets[1]];
        var data = TaskRow.Load(Ml, rows);
        var options = TaskRow.Small(nameof(TaskRow.Targets));
        options.Epochs = 1;
        options.BatchSize = 256;
        options.PrefetchBatches = 1;

        var e = Assert.Throws<TrainingException>(() => Ml.Regression.Trainers.Cnn(options).Fit(data));

        Assert.Equal(1, e.Epoch);
        Assert.Equal(1, e.Batch);
        Assert.Contains("the loss is infinite", e.Message);
        using var lastGood = Assert.IsType<CnnTransformer>(e.LastGoodTransformer);
        var scores = lastGood.Transform(Ml.Data.TakeRows(data, 10)).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();
        Assert.Equal(20, scores.Length);
        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
    }

    [Fact]
    public void Example_weights_must_be_finite_and_non_negative_naming_the_row()
    {
        var options = Slices.Small();
        options.ExampleWeightColumnName = "Weight";
        var e = Assert.Throws<InvalidDataException>(() =>
            Ml.MulticlassClassification.Trainers.Cnn(options).Fit(Slices.Weighted(Ml, FashionMnist.Train(10), i => i == 4 ? -1 : 1)));
        Assert.Contains("column 'Weight', row 4", e.Message);
        Assert.Contains("must be finite and >= 0", e.Message);
    }

    [Fact]
    public void Zero_weight_examples_do_not_move_the_weights()
    {
        // Two trainings from the same seeded start on different images: with every weight zero both end where they began.
        float[] Train(FashionRow[] rows, float weight)
        {
            var options = Slices.Small();
            options.ExampleWeightColumnName = "Weight";
            options.Epochs = 1;
            using var model = Ml.MulticlassClassification.Trainers.Cnn(options).Fit(Slices.Weighted(Ml, rows, _ => weight));
            using var state = model.Model.Network.GetState("4.weight");
            return state.ToArray();
        }

        var first = Train(FashionMnist.Train(128), 0);
        var second = Train(FashionMnist.Train(256)[128..], 0);
        Assert.Equal(first, second);
        Assert.NotEqual(first, Train(FashionMnist.Train(128), 1));
    }

    [Fact]
    public void A_validation_label_missing_from_the_training_keys_names_the_row()
    {
        var train = Ml.Data.LoadFromEnumerable(FashionMnist.Train(200));
        var test = FashionMnist.Test(5);
        var validation = Ml.Data.LoadFromEnumerable(test.Select((r, i) => i == 3 ? new FashionRow { Image = r.Image, Label = "unicorn" } : r));
        var keys = Ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        var e = Assert.Throws<InvalidDataException>(() =>
            Ml.MulticlassClassification.Trainers.Cnn(Slices.Small()).Fit(keys.Transform(train), keys.Transform(validation)));
        Assert.Contains("row 3", e.Message);
        Assert.Contains("the label is missing", e.Message);
    }

    [Fact]
    public void Data_without_rows_is_refused_before_training()
    {
        var keys = Ml.Transforms.Conversion.MapValueToKey("Label").Fit(Ml.Data.LoadFromEnumerable(FashionMnist.Train(10)));
        var empty = keys.Transform(Ml.Data.LoadFromEnumerable(Array.Empty<FashionRow>()));
        var e = Assert.Throws<ArgumentException>(() => Ml.MulticlassClassification.Trainers.Cnn(Slices.Small()).Fit(empty));
        Assert.Contains("no rows", e.Message);
    }

    [Fact]
    public void No_native_handles_outlive_a_fit_transform_save_and_dispose_cycle()
    {
        var before = SettledHandles();
        var data = Slices.Keyed(Ml, FashionMnist.Train(300));
        var model = Ml.MulticlassClassification.Trainers.Cnn(Slices.Small()).Fit(data);
        Ml.MulticlassClassification.Evaluate(model.Transform(Slices.Keyed(Ml, FashionMnist.Test(100))));
        using (var stream = new MemoryStream()) Ml.Model.Save(model, data.Schema, stream);
        var trained = SettledHandles();
        model.Dispose();
        var after = SettledHandles();
        Assert.True(trained.Networks - after.Networks >= 1, $"Dispose left the network alive ({trained} before, {after} after)");
        AssertNothingLeaked(before, after);
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
