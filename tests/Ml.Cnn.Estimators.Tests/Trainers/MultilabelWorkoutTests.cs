using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Heads;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>
/// The multilabel task in ML.NET: <c>mlContext.MultilabelClassification()</c>'s trainer on a Boolean vector label with slot
/// names, its columns, its evaluator, Save/Load in a fresh context, PredictionEngine, and wrong label types.
/// </summary>
public sealed class MultilabelWorkoutTests : IClassFixture<MultilabelWorkoutTests.Trained>
{
    private readonly Trained _trained;

    public MultilabelWorkoutTests(Trained trained) => _trained = trained;

    /// <summary>Trains once on 1,000 images: three overlapping tags (footwear, upper-body, warm).</summary>
    public sealed class Trained
    {
        public Trained()
        {
            Ml = new MLContext(seed: 1);
            Train = TaskRow.Load(Ml, TaskRow.Of(FashionMnist.Train(1000)));
            Test = TaskRow.Load(Ml, TaskRow.Of(FashionMnist.Test(300)));
            Model = Ml.MultilabelClassification().Trainers.Cnn(TaskRow.Small(nameof(TaskRow.Tags))).Fit(Train);
            Scored = Model.Transform(Test);
        }

        public MLContext Ml { get; }

        public IDataView Train { get; }

        public IDataView Test { get; }

        public CnnTransformer Model { get; }

        public IDataView Scored { get; }
    }

    /// <summary>What the model predicts for one row.</summary>
    public sealed class TagPrediction
    {
        public float[] Score { get; set; } = [];

        public bool[] PredictedLabel { get; set; } = [];
    }

    [Fact]
    public void EstimatorAndTransformerDeclareScoreAndABooleanPredictedLabelNamedByTheLabelsSlots()
    {
        var shape = _trained.Ml.MultilabelClassification().Trainers.Cnn(TaskRow.Small(nameof(TaskRow.Tags)))
            .GetOutputSchema(MlNet.SchemaShapes.Of(_trained.Train.Schema));
        var score = shape.Single(c => c.Name == "Score");
        Assert.Equal((SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single), (score.Kind, score.ItemType));
        var predicted = shape.Single(c => c.Name == "PredictedLabel");
        Assert.Equal((SchemaShape.Column.VectorKind.Vector, (DataViewType)BooleanDataViewType.Instance), (predicted.Kind, predicted.ItemType));

        var schema = _trained.Scored.Schema;
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 3), schema["Score"].Type);
        Assert.Equal(new VectorDataViewType(BooleanDataViewType.Instance, 3), schema["PredictedLabel"].Type);
        foreach (var column in new[] { "Score", "PredictedLabel" })
        {
            VBuffer<ReadOnlyMemory<char>> slots = default;
            schema[column].GetSlotNames(ref slots);
            Assert.Equal(TaskData.LabelNames, slots.DenseValues().Select(s => s.ToString()));
        }
        Assert.Equal(CnnTask.Multilabel, _trained.Model.Task);
    }

    [Fact]
    public void PredictedLabelIsEachProbabilityAboveTheOneThreshold()
    {
        var scores = _trained.Scored.GetColumn<float[]>("Score").ToArray();
        var predicted = _trained.Scored.GetColumn<bool[]>("PredictedLabel").ToArray();
        for (var i = 0; i < scores.Length; i++)
        {
            Assert.All(scores[i], p => Assert.InRange(p, 0f, 1f));
            Assert.Equal(scores[i].Select(p => p > MultilabelDecision.Threshold), predicted[i]);
        }
        Assert.Equal(0.5f, MultilabelDecision.Threshold);
    }

    [Fact]
    public void TheEvaluatorMeasuresALearnedModelPerLabel()
    {
        var metrics = _trained.Ml.MultilabelClassification().Evaluate(_trained.Scored, labelColumnName: nameof(TaskRow.Tags));
        Assert.Equal(TaskData.LabelNames, metrics.LabelNames);
        Assert.True(metrics.HammingLoss < 0.2, $"HammingLoss {metrics.HammingLoss} (predicting each tag's majority gives about 0.33)");
        Assert.True(metrics.SubsetAccuracy > 0.55, $"SubsetAccuracy {metrics.SubsetAccuracy} (predicting no tag gives about 0.3)");
        Assert.All(metrics.PerLabelF1, f1 => Assert.True(f1 > 0.6, $"F1 {f1} (the majority predictor scores 0)"));
        Assert.Equal(3, metrics.PerLabelPrecision.Count);
        Assert.Equal(3, metrics.PerLabelRecall.Count);
        Assert.InRange(metrics.MacroF1, metrics.PerLabelF1.Min(), metrics.PerLabelF1.Max());
        var floats = _trained.Ml.MultilabelClassification().Evaluate(_trained.Scored, labelColumnName: nameof(TaskRow.TagValues));
        Assert.Equal(metrics.HammingLoss, floats.HammingLoss);
        Assert.Equal(metrics.PerLabelF1, floats.PerLabelF1);
    }

    [Fact]
    public void LoadedInAFreshContextPredictsTheSameBitForBit()
    {
        using var stream = new MemoryStream();
        _trained.Ml.Model.Save(_trained.Model, _trained.Train.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out var schema);
        Assert.Equal(_trained.Train.Schema.Select(c => c.Name), schema.Select(c => c.Name));
        var again = loaded.Transform(_trained.Test);
        Assert.Equal(_trained.Scored.GetColumn<float[]>("Score"), again.GetColumn<float[]>("Score"));
        Assert.Equal(_trained.Scored.GetColumn<bool[]>("PredictedLabel"), again.GetColumn<bool[]>("PredictedLabel"));
        VBuffer<ReadOnlyMemory<char>> slots = default;
        again.Schema["Score"].GetSlotNames(ref slots);
        Assert.Equal(TaskData.LabelNames, slots.DenseValues().Select(s => s.ToString()));
    }

    [Fact]
    public void PredictionEngineEqualsTransform()
    {
        var engine = _trained.Ml.Model.CreatePredictionEngine<TaskRow, TagPrediction>(_trained.Model);
        var rows = _trained.Ml.Data.CreateEnumerable<TaskRow>(_trained.Test, reuseRowObject: false).Take(20).ToArray();
        var scores = _trained.Scored.GetColumn<float[]>("Score").Take(20).ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            var single = engine.Predict(rows[i]);
            for (var k = 0; k < 3; k++) Assert.Equal(scores[i][k], single.Score[k], 1e-5f);
            Assert.Equal(single.Score.Select(MultilabelDecision.IsPresent), single.PredictedLabel);
        }
    }

    [Fact]
    public void ASingleVectorOfZerosAndOnesTrainsToo()
    {
        var options = TaskRow.Small(nameof(TaskRow.TagValues));
        options.Epochs = 1;
        var model = _trained.Ml.MultilabelClassification().Trainers.Cnn(options).Fit(TaskRow.Load(_trained.Ml, TaskRow.Of(FashionMnist.Train(200))));
        Assert.Equal(new VectorDataViewType(BooleanDataViewType.Instance, 3), model.Transform(_trained.Test).Schema["PredictedLabel"].Type);
    }

    [Fact]
    public void ValidationDataReportsTheMultilabelMetricsEveryEpoch()
    {
        var options = TaskRow.Small(nameof(TaskRow.Tags));
        options.Epochs = 1;
        var model = _trained.Ml.MultilabelClassification().Trainers.Cnn(options)
            .Fit(TaskRow.Load(_trained.Ml, TaskRow.Of(FashionMnist.Train(200))), _trained.Test);
        var metrics = model.History!.Epochs[^1].ValidationMetrics;
        Assert.Equal(["HammingLoss", "MacroF1", "MicroF1", "SubsetAccuracy"], metrics.Keys.Order());
        Assert.All(metrics.Values, v => Assert.InRange(v, 0.0, 1.0));
    }

    [Theory]
    [InlineData(nameof(TaskRow.Label), "got String")]
    [InlineData(nameof(TaskRow.IsFootwear), "got Boolean")]
    public void WrongLabelTypesAreRefusedBeforeTrainingWithTheFix(string label, string actual)
    {
        var trainer = _trained.Ml.MultilabelClassification().Trainers.Cnn(TaskRow.Small(label));
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(MlNet.SchemaShapes.Of(_trained.Train.Schema)));
        Assert.Contains($"Schema mismatch for label column '{label}': expected a known-size vector of Boolean or Single", shape.Message);
        Assert.Contains("Concatenate", shape.Message);
        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(_trained.Train));
        Assert.Contains(actual, fit.Message);
    }

    [Fact]
    public void ALabelValueOutsideZeroOneNamesTheRowAndSlot()
    {
        var rows = TaskRow.Of(FashionMnist.Train(10));
        rows[3].TagValues = [0, 2, 1];
        var error = Assert.Throws<InvalidDataException>(() =>
            _trained.Ml.MultilabelClassification().Trainers.Cnn(TaskRow.Small(nameof(TaskRow.TagValues))).Fit(TaskRow.Load(_trained.Ml, rows)));
        Assert.Contains("Label column 'TagValues', row 3, slot 1 ('upper-body'): the value 2 lies outside [0, 1]", error.Message);
    }

    [Fact]
    public void TheEvaluatorRefusesWrongColumnsNamingThem()
    {
        var catalog = _trained.Ml.MultilabelClassification();
        var text = Assert.Throws<ArgumentOutOfRangeException>(() => catalog.Evaluate(_trained.Scored));
        Assert.Contains("Schema mismatch for label column 'Label': expected a known-size vector of Boolean or Single, got String", text.Message);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => catalog.Evaluate(_trained.Test, labelColumnName: nameof(TaskRow.Tags)));
        Assert.Contains("The predicted-label column 'PredictedLabel' is not in the data", missing.Message);
    }
}
