using Ml.Cnn.Legacy;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Model;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Training;

/// <summary>The estimator workout (DESIGN.md): schema in and out, fit, transform, save/load round trip, invalid input.</summary>
public sealed class CnnMulticlassTrainerWorkoutTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static CnnMulticlassTrainer Trainer(string label = "Label", string image = "Image") =>
        new CnnContext(4).MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions
        {
            Architecture = Architectures.Simple, Epochs = 1, BatchSize = 32, Device = ComputeDevice.Cpu,
            LabelColumnName = label, ImageColumnName = image,
        });

    [Fact]
    public void Fit_transform_and_round_trip_keep_the_schema_and_the_outputs()
    {
        var train = FashionMnist.Train(300);
        var test = FashionMnist.Test(50).WithColumn(new ScalarColumn<float>("Extra", new float[50]));
        using var model = Trainer().Fit(train);
        var scored = model.Transform(test);

        Assert.Equal(["Image", "Label", "Extra", "Score", "PredictedLabel"], scored.Columns.Select(c => c.Name));
        Assert.Same(test.GetColumn<ImageColumn>("Image"), scored.GetColumn<ImageColumn>("Image"));
        var score = scored.GetColumn<VectorColumn>("Score");
        Assert.Equal(10, score.Width);
        Assert.Equal(model.Labels, score.SlotNames);
        Assert.All(Enumerable.Range(0, 50), r => Assert.Equal(1.0, score.GetRow(r).ToArray().Sum(), 4));

        var path = _temp.File("workout.mlcnn");
        model.Save(path);
        using var loaded = CnnMulticlassModel.Load(path, ComputeDevice.Cpu);
        var again = loaded.Transform(test);
        Assert.Equal(score.Values.ToArray(), again.GetColumn<VectorColumn>("Score").Values.ToArray());
        Assert.Equal(scored.GetColumn<ScalarColumn<string>>("PredictedLabel").Values,
            again.GetColumn<ScalarColumn<string>>("PredictedLabel").Values);
    }

    [Fact]
    public void Custom_column_names_are_honoured()
    {
        var data = FashionMnist.Train(200);
        var renamed = new DataView([
            new ImageColumn("Pixels", data.GetColumn<ImageColumn>("Image").Shape, data.GetColumn<ImageColumn>("Image").Pixels.ToArray()),
            new ScalarColumn<string>("Class", data.GetColumn<ScalarColumn<string>>("Label").Values.ToArray()),
        ]);
        using var model = Trainer(label: "Class", image: "Pixels").Fit(renamed);
        Assert.True(model.Transform(renamed).HasColumn("Score"));
    }

    [Fact]
    public void Invalid_input_names_the_missing_or_mistyped_column()
    {
        var data = FashionMnist.Train(50);
        var missing = Assert.Throws<ArgumentException>(() => Trainer(image: "Photo").Fit(data));
        Assert.Contains("'Photo'", missing.Message);

        var numeric = data.WithColumn(new ScalarColumn<int>("Label", new int[50]));
        var mistyped = Assert.Throws<ArgumentException>(() => Trainer().Fit(numeric));
        Assert.Contains("'Label'", mistyped.Message);

        var empty = Assert.Throws<ArgumentException>(() => Trainer().Fit(data.Take(0)));
        Assert.Contains("no rows", empty.Message);
    }
}
