using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>
/// Every task trains with its other losses through ML.NET's catalogs: multiclass focal, hinge, label smoothing, weighted
/// sums and Keras' reduction with class weights; binary sigmoid focal and class weights; multilabel positive weights;
/// two-output regression with MSE and Huber; a non-default triplet loss.
/// </summary>
public sealed class LossTrainingTests
{
    private static readonly MLContext Ml = new(seed: 3);

    [Theory]
    [InlineData("focal")]
    [InlineData("hinge")]
    [InlineData("smoothing")]
    [InlineData("sum")]
    [InlineData("keras")]
    public void Every_multiclass_loss_beats_chance_by_a_wide_margin(string choice)
    {
        var options = Slices.Small();
        options.Epochs = 1;
        options.Loss = choice switch
        {
            "focal" => Loss.Focal(gamma: 2, alpha: 0.5),
            "hinge" => Loss.Hinge(margin: 1, power: 2),
            "smoothing" => Loss.CrossEntropy(labelSmoothing: 0.1),
            "sum" => Loss.WeightedSum((Loss.CrossEntropy(), 0.5), (Loss.Focal(), 0.5)),
            _ => Loss.CrossEntropy(),
        };
        var train = Slices.Keyed(Ml, FashionMnist.Train(1500));
        if (choice == "keras")
        {
            options.LossReduction = LossReduction.SumOverBatchSize;
            options.ExampleWeightColumnName = "Weight";
            options.ClassWeights = new Dictionary<string, float> { ["0"] = 2f, ["6"] = 2f };
            train = Slices.Weighted(Ml, FashionMnist.Train(1500), i => 0.5f + i % 2);
        }
        using var model = Ml.MulticlassClassification.Trainers.Cnn(options).Fit(train);
        var metrics = Ml.MulticlassClassification.Evaluate(model.Transform(Slices.Keyed(Ml, FashionMnist.Test(500))));
        Assert.True(metrics.MicroAccuracy > 0.55, $"{choice}: MicroAccuracy {metrics.MicroAccuracy} (chance is 0.10)");
    }

    [Fact]
    public void Binary_sigmoid_focal_training_reports_validation_loss_and_accuracy()
    {
        var options = TaskRow.Small(nameof(TaskRow.IsFootwear));
        options.Loss = Loss.SigmoidFocal(gamma: 2, alpha: 0.25);
        options.ValidationFraction = 0.2;
        using var model = Ml.BinaryClassification.Trainers.Cnn(options).Fit(Ml.Data.LoadFromEnumerable(TaskRow.Of(FashionMnist.Train(1000))));
        Assert.All(model.History!.Epochs, e =>
        {
            Assert.NotNull(e.ValidationLoss);
            Assert.InRange(e.ValidationAccuracy!.Value, 0.0, 1.0);
            Assert.InRange(e.ValidationMetrics["AreaUnderRocCurve"], 0.0, 1.0);
        });
        var metrics = Ml.BinaryClassification.Evaluate(model.Transform(Ml.Data.LoadFromEnumerable(TaskRow.Of(FashionMnist.Test(300)))), nameof(TaskRow.IsFootwear));
        Assert.True(metrics.AreaUnderRocCurve > 0.9, $"AUC {metrics.AreaUnderRocCurve}");
    }

    [Fact]
    public void Binary_class_weights_are_keyed_by_false_and_true()
    {
        var data = Ml.Data.LoadFromEnumerable(TaskRow.Of(FashionMnist.Train(200)));
        var options = TaskRow.Small(nameof(TaskRow.IsFootwear));
        options.Epochs = 1;
        options.ClassWeights = new Dictionary<string, float> { ["true"] = 3f };
        using var model = Ml.BinaryClassification.Trainers.Cnn(options).Fit(data);
        Assert.Equal(CnnTask.Binary, model.Task);

        options.ClassWeights = new Dictionary<string, float> { ["yes"] = 3f };
        var e = Assert.Throws<ArgumentException>(() => Ml.BinaryClassification.Trainers.Cnn(options).Fit(data));
        Assert.Contains("'yes'", e.Message);
    }

    [Fact]
    public void Multilabel_positive_weights_train_and_must_match_the_label_count()
    {
        var data = TaskRow.Load(Ml, TaskRow.Of(FashionMnist.Train(300)));
        var options = TaskRow.Small(nameof(TaskRow.Tags));
        options.Loss = Loss.BinaryCrossEntropy([1.0, 2.0, 0.5]);
        using var model = Ml.MultilabelClassification().Trainers.Cnn(options).Fit(data);
        var epochs = model.History!.Epochs;
        Assert.True(epochs[1].TrainLoss < epochs[0].TrainLoss, $"train loss {epochs[0].TrainLoss} -> {epochs[1].TrainLoss}");

        options.Loss = Loss.BinaryCrossEntropy([1.0, 2.0]);
        var e = Assert.Throws<ArgumentException>(() => Ml.MultilabelClassification().Trainers.Cnn(options).Fit(data));
        Assert.Contains("2 positive weights but the model has 3 labels", e.Message);
    }

    [Theory]
    [InlineData("mse")]
    [InlineData("huber")]
    public void Two_output_regression_beats_the_mean_predictor_on_both_outputs(string loss)
    {
        var options = TaskRow.Small(nameof(TaskRow.Targets));
        options.Loss = loss == "mse" ? Loss.MeanSquaredError() : Loss.Huber(delta: 0.1);
        using var model = Ml.Regression.Trainers.Cnn(options).Fit(TaskRow.Load(Ml, TaskRow.Of(FashionMnist.Train(2000))));
        Assert.Null(model.History!.Epochs[0].TrainAccuracy);
        var test = TaskRow.Of(FashionMnist.Test(1000));
        var scores = model.Transform(TaskRow.Load(Ml, test)).GetColumn<float[]>("Score").ToArray();

        // R² compares with the mean predictor (R² = 0); both outputs must explain most of the variance.
        for (var output = 0; output < 2; output++)
        {
            var truth = test.Select(r => (double)r.Targets[output]).ToArray();
            var mean = truth.Average();
            var residual = truth.Select((t, i) => Math.Pow(t - scores[i][output], 2)).Sum();
            var total = truth.Sum(t => Math.Pow(t - mean, 2));
            Assert.True(1 - residual / total > 0.8, $"{TaskData.TargetNames[output]}: R² {1 - residual / total}");
        }
    }

    [Fact]
    public void A_triplet_loss_with_swap_trains_unit_length_embeddings()
    {
        var options = TaskRow.Small(nameof(TaskRow.Label));
        options.Epochs = 1;
        options.EmbeddingDimension = 8;
        options.Loss = Loss.TripletMargin(margin: 0.5, p: 2, swap: true);
        var train = Ml.Data.LoadFromEnumerable(TaskRow.Of(FashionMnist.Train(300)));
        var model = Ml.Transforms.Conversion.MapValueToKey(nameof(TaskRow.Label)).Append(Ml.Embeddings().Trainers.Cnn(options)).Fit(train);
        var embeddings = model.Transform(train).GetColumn<float[]>("Score").Take(20).ToArray();
        Assert.All(embeddings, e =>
        {
            Assert.Equal(8, e.Length);
            Assert.Equal(1.0, Math.Sqrt(e.Sum(v => (double)v * v)), 1e-5);
        });
        model.LastTransformer.Dispose();
    }
}
