using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms.Tests.Images;

namespace Ml.Cnn.Transforms.Tests.Sources;

/// <summary>The ML.NET sources feed the ML.NET CNN trainer: MapValueToKey on the text label, then the trainer on the Image column.</summary>
public class SourcesFeedTheTrainerTests
{
    private const int Side = 8;

    /// <summary>8×8 gray images: class "0" bright in the top half, class "1" in the bottom half, with a little per-image noise.</summary>
    private static byte[] Image(int label, int index) =>
        [.. Enumerable.Range(0, Side * Side).Select(i => (byte)((i / Side < Side / 2) == (label == 0) ? 200 + (i + index) % 40 : (i * index) % 40))];

    private static MulticlassClassificationMetrics FitAndEvaluate(MLContext ml, IDataView train, IDataView test)
    {
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
            {
                ImageColumnName = "Image", Epochs = 1, BatchSize = 8, Architecture = Architectures.Simple, Device = ComputeDevice.Cpu,
            }));
        var model = pipeline.Fit(train);
        var scored = model.Transform(test);
        Assert.Equal(test.GetRowCount(), ml.Data.CreateEnumerable<Prediction>(scored, reuseRowObject: false).Count());
        return ml.MulticlassClassification.Evaluate(scored);
    }

    [Fact]
    public void LoadIdxFeedsTheTrainer()
    {
        using var folder = new TempFolder();
        const int Count = 48;
        var labels = Enumerable.Range(0, Count).Select(i => (byte)(i % 2)).ToArray();
        IdxFiles.WriteImages(folder.File("train-images-idx3-ubyte"), Count, Side, Side, [.. labels.SelectMany((l, i) => Image(l, i))]);
        IdxFiles.WriteLabels(folder.File("train-labels-idx1-ubyte"), labels);
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadIdx(folder.Path, "train");

        var metrics = FitAndEvaluate(ml, data, data);

        Assert.Equal(2, metrics.PerClassLogLoss.Count);
        Assert.InRange(metrics.MicroAccuracy, 0, 1);
    }

    [ImageCodecFact]
    public void APngFolderFeedsTheTrainerThroughTheStratifiedSplit()
    {
        using var root = new TempFolder();
        var shape = new ImageShape(1, Side, Side);
        for (var i = 0; i < 40; i++)
            TestImages.WritePng(Path.Combine(root.Path, $"{i % 2}", $"{i:D2}.png"), shape, Image(i % 2, i));
        var ml = new MLContext(seed: 1);
        var split = ml.Data.StratifiedTrainTestSplit(ml.Data.LoadImagesFromFolder(root.Path), 0.25);

        var metrics = FitAndEvaluate(ml, split.TrainSet, split.TestSet);

        Assert.Equal(10, split.TestSet.GetRowCount());
        Assert.Equal(2, metrics.PerClassLogLoss.Count);
        Assert.InRange(metrics.MicroAccuracy, 0, 1);
    }

    /// <summary>What the trainer adds.</summary>
    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }
}
