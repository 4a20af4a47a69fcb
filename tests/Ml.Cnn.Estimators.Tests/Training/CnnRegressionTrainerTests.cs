using Ml.Cnn.Legacy;
using Ml.Cnn.Losses;
using Ml.Cnn.Model;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Training;

public class CnnRegressionTrainerTests
{
    [Theory]
    [InlineData("mse")]
    [InlineData("huber")]
    public void Brightness_and_coverage_beat_the_mean_predictor_by_a_wide_margin(string loss)
    {
        var context = new CnnContext(3);
        var options = Workout.Small();
        options.Loss = loss == "mse" ? Loss.MeanSquaredError() : Loss.Huber(delta: 0.1);
        using var model = context.Regression.Trainers.Cnn(options).Fit(TaskData.Regression(FashionMnist.Train(2000)));
        var metrics = context.Regression.Evaluate(model.Transform(TaskData.Regression(FashionMnist.Test(1000))));

        // R² compares with the mean predictor (R² = 0); both outputs must explain most of the variance.
        Assert.Equal(2, metrics.PerOutput.Count);
        Assert.All(metrics.PerOutput, m => Assert.True(m.RSquared > 0.8, $"R² {m.RSquared}"));
        Assert.Null(model.History!.Epochs[0].TrainAccuracy);
    }

    [Fact]
    public void Workout_one_output_gives_a_float_score_and_survives_a_round_trip()
    {
        var data = TaskData.Regression(FashionMnist.Train(300));
        var brightness = Enumerable.Range(0, data.RowCount).Select(i => data.GetColumn<VectorColumn>("Label").GetRow(i)[0]).ToArray();
        data = data.WithColumn(new ScalarColumn<float>("Label", brightness));
        var options = Workout.Small();
        options.Epochs = 1;
        options.Loss = Loss.SmoothL1(beta: 0.5);
        using var model = new CnnContext(1).Regression.Trainers.Cnn(options).Fit(data);
        Assert.Equal(["Label"], model.Targets);
        Workout.Run(model, data.Take(20), "Score");
    }

    [Fact]
    public void A_non_finite_loss_stops_training_naming_the_batch_and_keeps_the_last_good_model()
    {
        var data = TaskData.Regression(FashionMnist.Train(256));
        var values = data.GetColumn<VectorColumn>("Label").Values.ToArray();
        values[2 * 130] = 1e30f;
        data = data.WithColumn(new VectorColumn("Label", 2, values, TaskData.TargetNames));
        var options = Workout.Small();
        options.Epochs = 1;
        options.BatchSize = 256;
        options.PrefetchBatches = 1;

        var e = Assert.Throws<TrainingException>(() => new CnnContext(1).Regression.Trainers.Cnn(options).Fit(data));

        Assert.Equal(1, e.Epoch);
        Assert.Equal(1, e.Batch);
        Assert.Contains("the loss is infinite", e.Message);
        using var lastGood = Assert.IsType<CnnRegressionModel>(e.LastGoodModel);
        var scores = lastGood.Transform(data.Take(10)).GetColumn<VectorColumn>("Score").Values.ToArray();
        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
    }
}
