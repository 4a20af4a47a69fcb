using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>The other image column kinds (pixel vectors, MLImage) and the binary and regression tasks, with ML.NET's evaluators.</summary>
public sealed class FeatureAndTaskWorkoutTests
{
    private static CnnTrainerOptions Small(string label, string image) => new()
    {
        LabelColumnName = label, ImageColumnName = image, Architecture = Architectures.Simple, Epochs = 2, BatchSize = 64,
        Device = ComputeDevice.Cpu,
    };

    /// <summary>A Fashion-MNIST row as pixel values, as ExtractPixels gives them.</summary>
    public sealed class PixelRow
    {
        [VectorType(1, 28, 28)]
        public float[] Pixels { get; set; } = [];

        public string Label { get; set; } = "";

        public bool IsTrouser { get; set; }

        public float Class { get; set; }
    }

    private static PixelRow[] Rows(FashionRow[] rows) => [.. rows.Select(row => new PixelRow
    {
        Pixels = row.Pixels(),
        Label = row.Label,
        IsTrouser = row.Label == "1",
        Class = float.Parse(row.Label, System.Globalization.CultureInfo.InvariantCulture),
    })];

    [Fact]
    public void PixelVectorsTrainAMulticlassModelThatSavesAndLoads()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Rows(FashionMnist.Train(1000)));
        var test = ml.Data.LoadFromEnumerable(Rows(FashionMnist.Test(200)));
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.MulticlassClassification.Trainers.Cnn(Small("Label", "Pixels")))
            .Fit(train);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.MicroAccuracy > 0.5, $"MicroAccuracy {metrics.MicroAccuracy} (chance is 0.10)");
        using var stream = new MemoryStream();
        ml.Model.Save(model, train.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);
        Assert.Equal(model.Transform(test).GetColumn<float[]>("Score"), loaded.Transform(test).GetColumn<float[]>("Score"));
    }

    [Fact]
    public void ScaledPixelsAreRefusedNamingTheRowAndTheFix()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows(FashionMnist.Train(100));
        foreach (var row in rows) row.Pixels = row.Pixels.Select(p => p / 255f).ToArray();
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Cnn(Small("Label", "Pixels")));
        var error = Assert.Throws<InvalidDataException>(() => pipeline.Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.Contains("Image column 'Pixels', row 0", error.Message);
        Assert.Contains("scaleImage 1", error.Message);
    }

    [Fact]
    public void MlImagesFromLoadImagesTrainAndPredict()
    {
        using var pngs = new PngFolder(train: 300, test: 50);
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromTextFile<MulticlassWorkoutTests.ImageRow>(pngs.TrainTable, hasHeader: true);
        var test = ml.Data.LoadFromTextFile<MulticlassWorkoutTests.ImageRow>(pngs.TestTable, hasHeader: true);
        var options = Small("Label", "Image");
        options.ColorMode = ColorMode.Gray;
        var model = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.LoadImages("Image", null, "ImagePath"))
            .Append(ml.MulticlassClassification.Trainers.Cnn(options))
            .Fit(train);
        var cnn = model.LastTransformer;
        Assert.Equal(new ImageShape(1, 28, 28), cnn.InputShape);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
        Assert.True(metrics.MicroAccuracy > 0.2, $"MicroAccuracy {metrics.MicroAccuracy} (chance is 0.10)");
    }

    [Fact]
    public void BinaryModelGivesMlNetsBinaryColumnsAndMetrics()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Rows(FashionMnist.Train(1000)));
        var test = ml.Data.LoadFromEnumerable(Rows(FashionMnist.Test(300)));
        var model = ml.BinaryClassification.Trainers.Cnn(Small("IsTrouser", "Pixels")).Fit(train);
        var scored = model.Transform(test);
        Assert.Equal(BooleanDataViewType.Instance, scored.Schema["PredictedLabel"].Type);
        var metrics = ml.BinaryClassification.Evaluate(scored, labelColumnName: "IsTrouser");
        Assert.True(metrics.AreaUnderRocCurve > 0.9, $"AUC {metrics.AreaUnderRocCurve}");
        var scores = scored.GetColumn<float>("Score").ToArray();
        var probabilities = scored.GetColumn<float>("Probability").ToArray();
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToArray();
        for (var i = 0; i < scores.Length; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-scores[i])), probabilities[i], 5);
            Assert.Equal(scores[i] > 0, predicted[i]);
        }
    }

    [Fact]
    public void RegressionModelGivesMlNetsScoreAndMetrics()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Rows(FashionMnist.Train(1000)));
        var test = ml.Data.LoadFromEnumerable(Rows(FashionMnist.Test(200)));
        var model = ml.Regression.Trainers.Cnn(Small("Class", "Pixels")).Fit(train);
        var scored = model.Transform(test);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        var metrics = ml.Regression.Evaluate(scored, labelColumnName: "Class");
        Assert.True(metrics.RSquared > 0.3, $"R² {metrics.RSquared}");
    }

    [Fact]
    public void WrongLabelTypesAreRefusedPerTask()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(FashionMnist.Train(10)));
        var binary = Assert.Throws<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.Cnn(Small("Label", "Pixels")).Fit(data));
        Assert.Contains("expected Boolean, got String", binary.Message);
        var regression = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.Cnn(Small("IsTrouser", "Pixels")).Fit(data));
        Assert.Contains("expected Single or a known-size vector of Single, got Boolean", regression.Message);
    }

    [Fact]
    public void CrossValidateFitsAndEvaluatesEveryFold()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows(FashionMnist.Train(600)));
        var options = Small("Label", "Pixels");
        options.Epochs = 1;
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Cnn(options));
        var folds = ml.MulticlassClassification.CrossValidate(data, pipeline, numberOfFolds: 2);
        Assert.Equal(2, folds.Count);
        Assert.All(folds, f => Assert.True(f.Metrics.MicroAccuracy > 0.2, $"fold {f.Fold}: MicroAccuracy {f.Metrics.MicroAccuracy}"));
    }
}
