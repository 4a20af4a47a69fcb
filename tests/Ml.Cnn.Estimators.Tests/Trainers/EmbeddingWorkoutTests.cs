using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Heads;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>
/// The embedding task in ML.NET: <c>mlContext.Embeddings()</c>'s trainer on a key label, its unit-length Score, its
/// Recall@K evaluator, Save/Load in a fresh context, PredictionEngine, and wrong label types.
/// </summary>
public sealed class EmbeddingWorkoutTests : IClassFixture<EmbeddingWorkoutTests.Trained>
{
    private const int Dimension = 16;

    private readonly Trained _trained;

    public EmbeddingWorkoutTests(Trained trained) => _trained = trained;

    /// <summary>Trains MapValueToKey + the embedding CNN once on 1,000 images (16 values per embedding).</summary>
    public sealed class Trained
    {
        public Trained()
        {
            Ml = new MLContext(seed: 1);
            Train = Ml.Data.LoadFromEnumerable(TaskRow.Of(FashionMnist.Train(1000)));
            Test = Ml.Data.LoadFromEnumerable(TaskRow.Of(FashionMnist.Test(300)));
            Pipeline = Ml.Transforms.Conversion.MapValueToKey(nameof(TaskRow.Label)).Append(Ml.Embeddings().Trainers.Cnn(Options()));
            Model = Pipeline.Fit(Train);
            Scored = Model.Transform(Test);
        }

        public MLContext Ml { get; }

        public IDataView Train { get; }

        public IDataView Test { get; }

        public IEstimator<ITransformer> Pipeline { get; }

        public ITransformer Model { get; }

        public IDataView Scored { get; }
    }

    /// <summary>What the model gives for one row.</summary>
    public sealed class EmbeddingPrediction
    {
        public float[] Score { get; set; } = [];
    }

    private static CnnTrainerOptions Options(string label = nameof(TaskRow.Label))
    {
        var options = TaskRow.Small(label);
        options.EmbeddingDimension = Dimension;
        return options;
    }

    [Fact]
    public void EstimatorAndTransformerDeclareAScoreOfTheEmbeddingDimension()
    {
        var shape = _trained.Pipeline.GetOutputSchema(MlNet.SchemaShapes.Of(_trained.Train.Schema));
        var score = shape.Single(c => c.Name == "Score");
        Assert.Equal((SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single), (score.Kind, score.ItemType));
        Assert.DoesNotContain(shape, c => c.Name == "PredictedLabel");
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, Dimension), _trained.Scored.Schema["Score"].Type);
    }

    [Fact]
    public void EmbeddingsHaveUnitLength()
    {
        foreach (var row in _trained.Scored.GetColumn<float[]>("Score"))
        {
            Assert.Equal(Dimension, row.Length);
            Assert.Equal(1.0, Math.Sqrt(row.Sum(v => (double)v * v)), 1e-5);
        }
    }

    [Fact]
    public void TheEvaluatorFindsSameClassNeighboursFarAboveChance()
    {
        var metrics = _trained.Ml.Embeddings().Evaluate(_trained.Scored);
        // A random embedding finds a same-class nearest neighbour about 10% of the time (10 balanced classes).
        Assert.True(metrics.Recall(1) > 0.5, $"Recall@1 {metrics.Recall(1)}");
        Assert.True(metrics.Recall(5) >= metrics.Recall(1));
        Assert.Equal([1, 5], metrics.RecallAtK.Keys);
        Assert.Equal(300, metrics.QueryCount);
        var text = _trained.Ml.Transforms.Conversion.MapKeyToValue(nameof(TaskRow.Label)).Fit(_trained.Scored).Transform(_trained.Scored);
        Assert.Equal(metrics.RecallAtK, _trained.Ml.Embeddings().Evaluate(text).RecallAtK);
        Assert.Equal([2], _trained.Ml.Embeddings().Evaluate(_trained.Scored, k: [2]).RecallAtK.Keys);
    }

    [Fact]
    public void LoadedInAFreshContextEmbedsTheSameBitForBit()
    {
        using var stream = new MemoryStream();
        _trained.Ml.Model.Save(_trained.Model, _trained.Train.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out _);
        Assert.Equal(_trained.Scored.GetColumn<float[]>("Score"), loaded.Transform(_trained.Test).GetColumn<float[]>("Score"));
    }

    [Fact]
    public void PredictionEngineEqualsTransform()
    {
        var engine = _trained.Ml.Model.CreatePredictionEngine<TaskRow, EmbeddingPrediction>(_trained.Model);
        var rows = _trained.Ml.Data.CreateEnumerable<TaskRow>(_trained.Test, reuseRowObject: false).Take(20).ToArray();
        var scores = _trained.Scored.GetColumn<float[]>("Score").Take(20).ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            var single = engine.Predict(rows[i]);
            for (var k = 0; k < Dimension; k++) Assert.Equal(scores[i][k], single.Score[k], 1e-5f);
        }
    }

    [Fact]
    public void ValidationDataReportsRecallAtKEveryEpoch()
    {
        var options = Options();
        options.Epochs = 1;
        options.ValidationFraction = 0.3;
        var model = _trained.Ml.Transforms.Conversion.MapValueToKey(nameof(TaskRow.Label)).Append(_trained.Ml.Embeddings().Trainers.Cnn(options))
            .Fit(_trained.Ml.Data.LoadFromEnumerable(TaskRow.Of(FashionMnist.Train(300))));
        var metrics = model.LastTransformer.History!.Epochs[^1].ValidationMetrics;
        Assert.Equal(["RecallAt1", "RecallAt5"], metrics.Keys.Order());
        Assert.All(metrics.Values, v => Assert.InRange(v, 0.0, 1.0));
    }

    [Fact]
    public void TheDefaultLossIsTheTripletMarginOfTheOneDefault()
    {
        var loss = Assert.IsType<TripletLoss>(new EmbeddingHead(Dimension, 10).DefaultLoss);
        Assert.Equal(0.2, loss.Margin);
        Assert.Equal(TripletLoss.DefaultMargin, ((TripletLoss)Loss.TripletMargin()).Margin);
    }

    [Fact]
    public void ATextLabelIsRefusedBeforeTrainingWithTheFix()
    {
        var trainer = _trained.Ml.Embeddings().Trainers.Cnn(Options());
        var shape = Assert.Throws<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(MlNet.SchemaShapes.Of(_trained.Train.Schema)));
        Assert.Contains("Schema mismatch for label column 'Label': expected Key, got String", shape.Message);
        Assert.Contains("MapValueToKey(\"Label\")", shape.Message);
        var fit = Assert.Throws<ArgumentOutOfRangeException>(() => _trained.Ml.Embeddings().Trainers.Cnn(Options(nameof(TaskRow.Tags))).Fit(_trained.Train));
        Assert.Contains("Schema mismatch for label column 'Tags': expected Key, got Vector<Boolean, 3>", fit.Message);
    }

    [Fact]
    public void TheEvaluatorRefusesWrongColumnsNamingThem()
    {
        var catalog = _trained.Ml.Embeddings();
        var tags = Assert.Throws<ArgumentOutOfRangeException>(() => catalog.Evaluate(_trained.Scored, labelColumnName: nameof(TaskRow.Tags)));
        Assert.Contains("Schema mismatch for label column 'Tags': expected Key or String, got Vector<Boolean, 3>", tags.Message);
        var score = Assert.Throws<ArgumentOutOfRangeException>(() => catalog.Evaluate(_trained.Scored, scoreColumnName: nameof(TaskRow.IsFootwear)));
        Assert.Contains("Schema mismatch for score column 'IsFootwear': expected a known-size vector of Single", score.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => catalog.Evaluate(_trained.Scored, k: [0]));
    }
}
