using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Augmentation;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>
/// Augmentation transforms in an ML.NET pipeline, as the CNN trainer meets them through the image column's annotation:
/// they change training (reproducibly with the same seed) and mixing is refused with a loss that cannot take soft labels.
/// </summary>
public sealed class AugmentedTrainingWorkoutTests
{
    /// <summary>A Fashion-MNIST row as pixel values, as ExtractPixels gives them.</summary>
    public sealed class PixelRow
    {
        [VectorType(1, 28, 28)]
        public float[] Pixels { get; set; } = [];

        public string Label { get; set; } = "";
    }

    private static IDataView Data(MLContext ml, int count) =>
        ml.Data.LoadFromEnumerable(FashionMnist.Train(count).Select(row => new PixelRow { Pixels = row.Pixels(), Label = row.Label }).ToArray());

    private static CnnTrainerOptions Options(Loss? loss = null) => new()
    {
        LabelColumnName = "Label", ImageColumnName = "Pixels", Architecture = Architectures.Simple, Epochs = 1, BatchSize = 64,
        Device = ComputeDevice.Cpu, Seed = 5, Loss = loss,
    };

    /// <summary>Trains one epoch, with or without augmentations before the trainer; the first epoch's loss and the test scores.</summary>
    private static (double Loss, float[][] Scores) Train(bool augment)
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, 300);
        var trainer = ml.MulticlassClassification.Trainers.Cnn(Options());
        var losses = new List<double>();
        trainer.EpochCompleted += (_, e) => losses.Add(e.Metrics.TrainLoss);
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion.MapValueToKey("Label");
        if (augment)
            pipeline = pipeline.Append(ml.Transforms.RandomAffine("Pixels", new RandomAffineOptions { RotationDegrees = 15, HorizontalFlip = 0.5 }))
                .Append(ml.Transforms.Mixup("Pixels", new MixupOptions { Alpha = 0.4 }));
        var model = pipeline.Append(trainer).Fit(data);
        return (losses[0], [.. model.Transform(data).GetColumn<float[]>("Score").Take(20)]);
    }

    [Fact]
    public void Augmentations_change_training_and_the_same_seed_repeats_it()
    {
        var first = Train(augment: true);
        var again = Train(augment: true);
        var plain = Train(augment: false);
        Assert.Equal(first.Loss, again.Loss);
        Assert.Equal(first.Scores, again.Scores);
        Assert.NotEqual(plain.Loss, first.Loss);
        Assert.NotEqual(plain.Scores, first.Scores);
    }

    [Fact]
    public void A_trained_pipeline_with_augmentations_saves_and_loads_them_as_the_identity()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, 200);
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.RandomResizedCrop("Pixels"))
            .Append(ml.MulticlassClassification.Trainers.Cnn(Options()))
            .Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);
        var output = loaded.Transform(data);
        Assert.Equal([new RandomResizedCropOptions()], AugmentationAnnotation.Read(output.Schema["Pixels"]));
        Assert.Equal(model.Transform(data).GetColumn<float[]>("Score"), output.GetColumn<float[]>("Score"));
        Assert.Equal(data.GetColumn<float[]>("Pixels"), output.GetColumn<float[]>("Pixels"));
    }

    [Fact]
    public void Mixing_with_a_loss_that_cannot_take_soft_labels_is_refused()
    {
        var ml = new MLContext(seed: 1);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.CutMix("Pixels"))
            .Append(ml.MulticlassClassification.Trainers.Cnn(Options(Loss.Hinge())));
        var error = Assert.Throws<ArgumentException>(() => pipeline.Fit(Data(ml, 50)));
        Assert.Contains("Mixup and CutMix make soft labels", error.Message);
        Assert.Contains("drop the mixing augmentation", error.Message);
    }
}
