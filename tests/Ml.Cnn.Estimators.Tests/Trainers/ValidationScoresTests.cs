using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>Validation metrics from ML.NET's multiclass evaluator, with fewer classes than the top-k accuracy's k (5).</summary>
public class ValidationScoresTests
{
    /// <summary>An 8x8 gray image as ExtractPixels gives it, and a text label.</summary>
    public sealed class PixelRow
    {
        [VectorType(1, 8, 8)]
        public float[] Pixels { get; set; } = [];

        public string Label { get; set; } = "";
    }

    [Fact]
    public void ThreeClassesGetTheirValidationMetricsWithTopKLoweredToTheClassCount()
    {
        var ml = new MLContext(1);
        var rows = Enumerable.Range(0, 60).Select(i => new PixelRow
        {
            Pixels = [.. Enumerable.Range(0, 64).Select(p => (float)(p / 8 % 3 == i % 3 ? 200 + i % 40 : i % 30))],
            Label = $"c{i % 3}",
        });
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        var options = new CnnTrainerOptions
        {
            ImageColumnName = "Pixels", Architecture = Architectures.Simple, Epochs = 1, BatchSize = 8, ValidationFraction = 0.3,
            Device = ComputeDevice.Cpu,
        };

        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Cnn(options)).Fit(data);

        var validation = model.LastTransformer.History!.Epochs[^1].ValidationMetrics;
        Assert.Equal(1.0, validation["TopKAccuracy"]);
        Assert.InRange(validation["MicroAccuracy"], 0.0, 1.0);
        model.LastTransformer.Dispose();
    }
}
