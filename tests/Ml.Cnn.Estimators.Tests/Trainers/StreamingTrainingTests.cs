using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>Training from ML.NET data streams the image column from a cursor every epoch: splits, sampling and seeds on streamed rows.</summary>
public sealed class StreamingTrainingTests
{
    /// <summary>A Fashion-MNIST row as pixel values.</summary>
    public sealed class Row
    {
        [VectorType(1, 28, 28)]
        public float[] Pixels { get; set; } = [];

        public string Label { get; set; } = "";
    }

    private static IDataView Data(MLContext ml, int count, Func<string, bool>? keep = null)
    {
        var rows = FashionMnist.Train(count).Where(row => keep?.Invoke(row.Label) ?? true)
            .Select(row => new Row { Pixels = row.Pixels(), Label = row.Label }).ToArray();
        return ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
    }

    private static CnnTrainerOptions Options() => new()
    {
        ImageColumnName = "Pixels", Architecture = Architectures.Simple, Epochs = 2, BatchSize = 50, Device = ComputeDevice.Cpu, Seed = 3,
    };

    [Fact]
    public void EveryEpochReadsTheImagesThroughACursor()
    {
        var ml = new MLContext(1);
        var counting = new CountingView(Data(ml, 300), "Pixels");
        using var model = ml.MulticlassClassification.Trainers.Cnn(Options()).Fit(counting);
        Assert.Equal(2 * 300 + 1, counting.ImagesRead);
        Assert.True(counting.CursorsWithImages >= 3, $"{counting.CursorsWithImages} cursors read images");
    }

    [Fact]
    public void TheSameSeedGivesTheSameModelAndAnotherSeedAnother()
    {
        var ml = new MLContext(1);
        var data = Data(ml, 300);
        using var first = ml.MulticlassClassification.Trainers.Cnn(Options()).Fit(data);
        using var second = ml.MulticlassClassification.Trainers.Cnn(Options()).Fit(data);
        Assert.Equal(first.Transform(data).GetColumn<float[]>("Score"), second.Transform(data).GetColumn<float[]>("Score"));
        Assert.Equal(first.History!.Epochs.Select(e => e.TrainLoss), second.History!.Epochs.Select(e => e.TrainLoss));
        var options = Options();
        options.Seed = 4;
        using var other = ml.MulticlassClassification.Trainers.Cnn(options).Fit(data);
        Assert.NotEqual(first.Transform(data).GetColumn<float[]>("Score"), other.Transform(data).GetColumn<float[]>("Score"));
    }

    [Fact]
    public void ValidationFractionHoldsOutRowsAndReportsMlNetsMetrics()
    {
        var ml = new MLContext(1);
        var options = Options();
        options.ValidationFraction = 0.25;
        options.EarlyStopping = new EarlyStopping { Monitor = "MicroAccuracy", Patience = 5 };
        using var model = ml.MulticlassClassification.Trainers.Cnn(options).Fit(Data(ml, 400));
        var epoch = model.History!.Epochs[^1];
        Assert.InRange(epoch.Images, 260, 340);
        Assert.NotNull(epoch.ValidationLoss);
        Assert.InRange(epoch.ValidationMetrics["MicroAccuracy"], 0.0, 1.0);
        Assert.True(epoch.ValidationMetrics.ContainsKey("LogLossReduction"));
    }

    [Fact]
    public void BalancedSamplingDrawsAsManyRowsOfEveryClassAsTheLargestHas()
    {
        var ml = new MLContext(1);
        var shirtsDropped = 0;
        var data = Data(ml, 400, label => label != "6" || shirtsDropped++ < 5);
        var sizes = data.GetColumn<uint>("Label").GroupBy(k => k).Select(g => g.Count()).ToArray();
        var options = Options();
        options.BalancedSampling = true;
        using var model = ml.MulticlassClassification.Trainers.Cnn(options).Fit(data);
        Assert.All(model.History!.Epochs, e => Assert.Equal(sizes.Length * sizes.Max(), e.Images));
    }
}
