using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Estimators.Tests.Training;

/// <summary>Training with augmentations, balanced sampling, class weights and pixel statistics.</summary>
public class AugmentedTrainingTests
{
    [Fact]
    public void Augmentation_changes_training_but_is_the_identity_at_inference()
    {
        var context = new CnnContext(1);
        var data = FashionMnist.Train(300);
        var augmented = context.Transforms.RandomAffine(new RandomAffineOptions { RotationDegrees = 15, HorizontalFlip = 0.5 })
            .Append(context.Transforms.Mixup(0.4)).Fit(data).Transform(data);
        var options = Workout.Small();
        options.Epochs = 1;
        using var plain = context.MulticlassClassification.Trainers.Cnn(options).Fit(data);
        using var withAugmentation = context.MulticlassClassification.Trainers.Cnn(options).Fit(augmented);
        Assert.NotEqual(plain.History!.Epochs[0].TrainLoss, withAugmentation.History!.Epochs[0].TrainLoss);

        var test = FashionMnist.Test(10);
        var testAugmented = context.Transforms.RandomFlip(1.0).Fit(test).Transform(test);
        Assert.Equal(withAugmentation.Transform(test).GetColumn<VectorColumn>("Score").Values.ToArray(),
            withAugmentation.Transform(testAugmented).GetColumn<VectorColumn>("Score").Values.ToArray());
    }

    [Fact]
    public void Mixing_with_a_loss_that_needs_class_indices_is_refused()
    {
        var context = new CnnContext(1);
        var data = FashionMnist.Train(50);
        var mixed = context.Transforms.Cutmix().Fit(data).Transform(data);
        var options = Workout.Small();
        options.Loss = Loss.Hinge();
        var e = Assert.Throws<ArgumentException>(() => context.MulticlassClassification.Trainers.Cnn(options).Fit(mixed));
        Assert.Contains("soft labels", e.Message);
    }

    [Fact]
    public void Pixel_statistics_computed_at_fit_are_stored_in_the_model()
    {
        var options = Workout.Small();
        options.Epochs = 1;
        options.ComputePixelStatistics = true;
        var data = FashionMnist.Train(200);
        using var model = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(data);
        var pixels = data.GetColumn<ImageColumn>("Image").Pixels.ToArray();
        var mean = pixels.Average(p => p / 255.0);
        var std = Math.Sqrt(pixels.Average(p => Math.Pow(p / 255.0 - mean, 2)));
        Assert.Equal(mean, model.Metadata.Mean.Single(), 1e-4);
        Assert.Equal(std, model.Metadata.Std.Single(), 1e-4);
    }

    [Fact]
    public void Class_weights_and_balanced_sampling_raise_minority_recall_on_an_imbalanced_set()
    {
        // Shirts (6) look like T-shirts (0), pullovers (2) and coats (4); keep 10% of them so the model learns to ignore them.
        var all = FashionMnist.Train(4000);
        var labels = all.GetColumn<ScalarColumn<string>>("Label").Values;
        var keep = Enumerable.Range(0, all.RowCount).Where(i => labels[i] != "6" || i % 10 == 0).ToArray();
        var train = all.Select(keep);
        var test = FashionMnist.Test(2000);
        var context = new CnnContext(3);

        double ShirtRecall(DataView data, Action<CnnTrainerOptions> configure)
        {
            var options = Workout.Small();
            options.Epochs = 4;
            options.Architecture = Ml.Cnn.Layers.Architectures.Basic;
            configure(options);
            using var model = context.MulticlassClassification.Trainers.Cnn(options).Fit(data);
            var metrics = context.MulticlassClassification.Evaluate(model.Transform(test));
            return metrics.PerClassRecall[metrics.ConfusionMatrix.Labels.ToList().IndexOf("6")];
        }

        var plain = ShirtRecall(train, _ => { });
        var weighted = ShirtRecall(context.Transforms.ClassWeights().Fit(train).Transform(train), o =>
        {
            o.ExampleWeightColumnName = "Weight";
            o.LossReduction = LossReduction.SumOverBatchSize;
        });
        var sampled = ShirtRecall(train, o => o.BalancedSampling = true);
        // Measured: 0.000 unweighted, 0.128 with balanced weights (Keras reduction), 0.308 with balanced sampling.
        Assert.True(weighted > plain + 0.08, $"shirt recall: {plain:F3} unweighted, {weighted:F3} weighted, {sampled:F3} sampled");
        Assert.True(sampled > plain + 0.15, $"shirt recall: {plain:F3} unweighted, {sampled:F3} with balanced sampling");
    }
}
