using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Layers;
using Ml.Cnn.Scoring;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>
/// The issue's contract, as an outside program writes it: ML.NET's own image loader, our class weights and CNN trainer,
/// ML.NET's evaluator, Model.Save, and Model.Load in a fresh MLContext and in a fresh process.
/// </summary>
public sealed class MulticlassWorkoutTests : IClassFixture<MulticlassWorkoutTests.Trained>
{
    private readonly Trained _trained;

    public MulticlassWorkoutTests(Trained trained) => _trained = trained;

    /// <summary>Trains the contract's pipeline once on 600 PNG files (5 epochs of the default basic network, balanced class weights).</summary>
    public sealed class Trained : IDisposable
    {
        public Trained()
        {
            Pngs = new PngFolder(train: 600, test: 200);
            var ml = new MLContext(seed: 1);
            Train = ml.Data.LoadFromTextFile<ImageRow>(Pngs.TrainTable, hasHeader: true);
            Test = ml.Data.LoadFromTextFile<ImageRow>(Pngs.TestTable, hasHeader: true);
            var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
                .Append(ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath"))
                .Append(ml.Transforms.ClassWeights(labelColumnName: "Label", outputColumnName: "Weight"))
                .Append(ml.MulticlassClassification.Trainers.Cnn(labelColumnName: "Label", featureColumnName: "Image",
                                                                  exampleWeightColumnName: "Weight"))
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
            Model = pipeline.Fit(Train);
            Metrics = ml.MulticlassClassification.Evaluate(Model.Transform(Test));
            ZipPath = Path.Combine(Path.GetDirectoryName(Pngs.TrainTable)!, "model.zip");
            ml.Model.Save(Model, Train.Schema, ZipPath);
            Ml = ml;
        }

        public PngFolder Pngs { get; }

        public MLContext Ml { get; }

        public IDataView Train { get; }

        public IDataView Test { get; }

        public ITransformer Model { get; }

        public MulticlassClassificationMetrics Metrics { get; }

        public string ZipPath { get; }

        public void Dispose()
        {
            foreach (var cnn in ((IEnumerable<ITransformer>)Model).OfType<CnnTransformer>()) cnn.Dispose();
            Pngs.Dispose();
        }
    }

    /// <summary>A row of the table of paths and labels.</summary>
    public sealed class ImageRow
    {
        [LoadColumn(0)]
        public string ImagePath { get; set; } = "";

        [LoadColumn(1)]
        public string Label { get; set; } = "";
    }

    /// <summary>What the pipeline predicts.</summary>
    public sealed class ImagePrediction
    {
        public string PredictedLabel { get; set; } = "";

        public float[] Score { get; set; } = [];
    }

    [Fact]
    public void MlNetsEvaluatorMeasuresALearnedModel()
    {
        Assert.True(_trained.Metrics.MicroAccuracy > 0.5, $"MicroAccuracy {_trained.Metrics.MicroAccuracy} (chance is 0.10)");
        Assert.Equal(10, _trained.Metrics.PerClassLogLoss.Count);
        Assert.Equal(10, _trained.Metrics.ConfusionMatrix.NumberOfClasses);
        Assert.True(_trained.Metrics.LogLoss < 1.5, $"LogLoss {_trained.Metrics.LogLoss}");
    }

    [Fact]
    public void ScoreSlotsAndPredictedLabelCarryTheLabelsKeyValues()
    {
        var scored = _trained.Model.Transform(_trained.Test);
        var score = scored.Schema["Score"];
        VBuffer<ReadOnlyMemory<char>> slots = default;
        score.GetSlotNames(ref slots);
        var labelKeys = _trained.Ml.Transforms.Conversion.MapValueToKey("Label").Fit(_trained.Train).Transform(_trained.Train).Schema["Label"];
        VBuffer<ReadOnlyMemory<char>> keys = default;
        labelKeys.GetKeyValues(ref keys);
        Assert.Equal(keys.DenseValues().Select(k => k.ToString()), slots.DenseValues().Select(s => s.ToString()));
        var predicted = scored.GetColumn<string>("PredictedLabel").ToArray();
        var probabilities = scored.GetColumn<float[]>("Score").ToArray();
        var names = slots.DenseValues().Select(s => s.ToString()).ToArray();
        for (var i = 0; i < predicted.Length; i++)
        {
            Assert.Equal(names[Array.IndexOf(probabilities[i], probabilities[i].Max())], predicted[i]);
            Assert.Equal(1.0, probabilities[i].Sum(), 4);
        }
    }

    [Fact]
    public void PredictionEngineEqualsTransform()
    {
        var engine = _trained.Ml.Model.CreatePredictionEngine<ImageRow, ImagePrediction>(_trained.Model);
        var rows = _trained.Ml.Data.CreateEnumerable<ImageRow>(_trained.Test, reuseRowObject: false).Take(20).ToArray();
        var scores = _trained.Model.Transform(_trained.Test).GetColumn<float[]>("Score").Take(20).ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            var single = engine.Predict(rows[i]);
            for (var k = 0; k < scores[i].Length; k++) Assert.Equal(scores[i][k], single.Score[k], 1e-5f);
        }
    }

    [Fact]
    public void LoadedInAFreshContextPredictsTheSame()
    {
        var fresh = new MLContext();
        var loaded = fresh.Model.Load(_trained.ZipPath, out var schema);
        Assert.Equal(_trained.Train.Schema.Select(c => c.Name), schema.Select(c => c.Name));
        var expected = _trained.Model.Transform(_trained.Test).GetColumn<float[]>("Score").ToArray();
        var actual = loaded.Transform(_trained.Test).GetColumn<float[]>("Score").ToArray();
        Assert.Equal(expected, actual);
        Assert.Equal(_trained.Model.Transform(_trained.Test).GetColumn<string>("PredictedLabel"), loaded.Transform(_trained.Test).GetColumn<string>("PredictedLabel"));
        Assert.IsType<CnnTransformer>(((IEnumerable<ITransformer>)loaded).Skip(3).First());
    }

    [Fact]
    public void LoadedInAFreshProcessTransformsTheSameBitForBit()
    {
        var helper = Path.Combine(RepoPaths.Root, "tools", "FreshProcess", "bin", "Release", "net10.0", "FreshProcess.dll");
        var start = new ProcessStartInfo("dotnet", [helper, _trained.ZipPath, _trained.Pngs.TestTable]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var scored = _trained.Model.Transform(_trained.Test);
        var labels = scored.GetColumn<string>("PredictedLabel").ToArray();
        var scores = scored.GetColumn<float[]>("Score").ToArray();
        Assert.Equal(labels.Length, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split('\t');
            Assert.Equal(labels[i], fields[0]);
            Assert.True(float.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture) < 1e-5f, $"row {i}: PredictionEngine differs from Transform by {fields[2]}");
            var bits = fields[3].Split(' ').Select(b => BitConverter.Int32BitsToSingle(Convert.ToInt32(b, 16))).ToArray();
            Assert.True(scores[i].SequenceEqual(bits), $"row {i}: {string.Join(" ", scores[i])} here, {string.Join(" ", bits)} in a fresh process");
        }
    }

    [Fact]
    public void PreviewShowsTheScores()
    {
        var preview = _trained.Model.Transform(_trained.Test).Preview(maxRows: 3);
        Assert.Equal(3, preview.RowView.Length);
        Assert.Contains(preview.Schema, c => c.Name == "Score");
    }

    [Fact]
    public void TextLabelIsRefusedBeforeTrainingWithTheFix()
    {
        var ml = new MLContext(1);
        var pipeline = ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath").Append(ml.MulticlassClassification.Trainers.Cnn(featureColumnName: "Image"));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.GetOutputSchema(MlNet.SchemaShapes.Of(_trained.Train.Schema)));
        Assert.Contains("Schema mismatch for label column 'Label': expected Key, got String", error.Message);
        Assert.Contains("MapValueToKey", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.Fit(_trained.Train));
    }

    [Fact]
    public void WrongImageColumnNamesItsTypeAndTheAcceptedOnes()
    {
        var ml = new MLContext(1);
        var trainer = ml.MulticlassClassification.Trainers.Cnn(featureColumnName: "ImagePath");
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(_trained.Train).Transform(_trained.Train);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(MlNet.SchemaShapes.Of(keyed.Schema)));
        Assert.Contains("image column 'ImagePath': it is String", error.Message);
        Assert.Contains("LoadRawImageBytes", error.Message);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.Trainers.Cnn().Fit(keyed));
        Assert.Contains("'Features' is not in the data", missing.Message);
    }

    [Fact]
    public void OutputSchemaOfTheEstimatorMatchesTheTransformers()
    {
        var ml = new MLContext(1);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.Transforms.LoadRawImageBytes("Image", null, "ImagePath"))
            .Fit(_trained.Train).Transform(_trained.Train);
        var shape = ml.MulticlassClassification.Trainers.Cnn(featureColumnName: "Image").GetOutputSchema(MlNet.SchemaShapes.Of(keyed.Schema));
        var score = shape.Single(c => c.Name == "Score");
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, score.Kind);
        var predicted = shape.Single(c => c.Name == "PredictedLabel");
        Assert.True(predicted.IsKey);
        var transformer = ((IEnumerable<ITransformer>)_trained.Model).Skip(3).OfType<CnnTransformer>().Single();
        var schema = transformer.GetOutputSchema(keyed.Schema);
        Assert.Equal(10, ((VectorDataViewType)schema["Score"].Type).Size);
        Assert.Equal(10UL, ((KeyDataViewType)schema["PredictedLabel"].Type).Count);
    }
}
