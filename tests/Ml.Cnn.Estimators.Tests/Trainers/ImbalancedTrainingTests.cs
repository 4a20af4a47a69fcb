using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>Training on an imbalanced set (class weights, balanced sampling) and pixel statistics computed at Fit.</summary>
public sealed class ImbalancedTrainingTests
{
    [Fact]
    public void Class_weights_and_balanced_sampling_raise_minority_recall_on_an_imbalanced_set()
    {
        // Shirts (6) look like T-shirts (0), pullovers (2) and coats (4); keep 10% of them so the model learns to ignore them.
        var ml = new MLContext(seed: 3);
        var train = Slices.Keyed(ml, [.. FashionMnist.Train(4000).Where((row, i) => row.Label != "6" || i % 10 == 0)]);
        var test = Slices.Keyed(ml, FashionMnist.Test(2000));

        double ShirtRecall(IEstimator<ITransformer> weights, Action<CnnTrainerOptions> configure)
        {
            var options = Slices.Small(seed: 3);
            options.Epochs = 4;
            options.Architecture = Architectures.Basic;
            configure(options);
            var model = weights.Append(ml.MulticlassClassification.Trainers.Cnn(options)).Fit(train);
            var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
            model.LastTransformer.Dispose();
            return metrics.ConfusionMatrix.PerClassRecall[6];
        }

        var none = new EstimatorChain<ITransformer>();
        var plain = ShirtRecall(none, _ => { });
        var weighted = ShirtRecall(ml.Transforms.ClassWeights(labelColumnName: "Label", outputColumnName: "Weight"), o =>
        {
            o.ExampleWeightColumnName = "Weight";
            o.LossReduction = LossReduction.SumOverBatchSize;
        });
        var sampled = ShirtRecall(none, o => o.BalancedSampling = true);
        // Measured with the earlier API: 0.000 unweighted, 0.128 with balanced weights (Keras reduction), 0.308 with balanced sampling.
        Assert.True(weighted > plain + 0.08, $"shirt recall: {plain:F3} unweighted, {weighted:F3} weighted, {sampled:F3} sampled");
        Assert.True(sampled > plain + 0.15, $"shirt recall: {plain:F3} unweighted, {sampled:F3} with balanced sampling");
    }

    [Fact]
    public void Pixel_statistics_computed_at_fit_are_stored_in_the_model()
    {
        var ml = new MLContext(seed: 1);
        var rows = FashionMnist.Train(200);
        var options = Slices.Small();
        options.Epochs = 1;
        options.ComputePixelStatistics = true;
        using var model = ml.MulticlassClassification.Trainers.Cnn(options).Fit(Slices.Keyed(ml, rows));
        var pixels = rows.SelectMany(r => r.Image).ToArray();
        var mean = pixels.Average(p => p / 255.0);
        var std = Math.Sqrt(pixels.Average(p => Math.Pow(p / 255.0 - mean, 2)));
        Assert.Equal(mean, model.Model.Metadata.Mean.Single(), 1e-4);
        Assert.Equal(std, model.Model.Metadata.Std.Single(), 1e-4);
    }
}
