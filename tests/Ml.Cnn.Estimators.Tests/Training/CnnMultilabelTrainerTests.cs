using Ml.Cnn.Legacy;
using Ml.Cnn.Losses;

namespace Ml.Cnn.Estimators.Tests.Training;

public class CnnMultilabelTrainerTests
{
    [Fact]
    public void Three_overlapping_labels_beat_the_per_label_majority_by_a_wide_margin()
    {
        var context = new CnnContext(3);
        using var model = context.MultilabelClassification.Trainers.Cnn(Workout.Small()).Fit(TaskData.Multilabel(FashionMnist.Train(2000)));
        var test = TaskData.Multilabel(FashionMnist.Test(1000));
        var metrics = context.MultilabelClassification.Evaluate(model.Transform(test));

        // The trivial baseline predicts each label's majority value for every row.
        var truth = test.GetColumn<VectorColumn>("Label");
        var baselineHamming = Enumerable.Range(0, 3).Average(j =>
        {
            var present = Enumerable.Range(0, truth.RowCount).Count(i => truth.GetRow(i)[j] > 0.5f) / (double)truth.RowCount;
            return Math.Min(present, 1 - present);
        });
        Assert.True(metrics.HammingLoss < baselineHamming / 3, $"HammingLoss {metrics.HammingLoss}, baseline {baselineHamming}");
        var majority = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, truth.RowCount).Count(i => truth.GetRow(i)[j] > 0.5f) * 2 > truth.RowCount).ToArray();
        var baselineSubset = Enumerable.Range(0, truth.RowCount).Count(i => Enumerable.Range(0, 3).All(j => truth.GetRow(i)[j] > 0.5f == majority[j])) / (double)truth.RowCount;
        Assert.True(metrics.SubsetAccuracy > baselineSubset + 0.3, $"SubsetAccuracy {metrics.SubsetAccuracy}, baseline {baselineSubset}");
        Assert.Equal(TaskData.LabelNames, metrics.LabelNames);
        Assert.All(metrics.PerLabelF1, f1 => Assert.True(f1 > 0.6, $"F1 {f1} (the majority predictor scores 0)"));
    }

    [Fact]
    public void Workout_scores_each_label_and_survives_a_round_trip()
    {
        var options = Workout.Small();
        options.Epochs = 1;
        options.Loss = Loss.BinaryCrossEntropy([1.0, 2.0, 0.5]);
        using var model = new CnnContext(1).MultilabelClassification.Trainers.Cnn(options).Fit(TaskData.Multilabel(FashionMnist.Train(300)));
        var test = TaskData.Multilabel(FashionMnist.Test(20));
        Workout.Run(model, test, "Score", "PredictedLabels");

        var scored = model.Transform(test);
        Assert.Equal(TaskData.LabelNames, scored.GetColumn<VectorColumn>("Score").SlotNames);
        var one = model.PredictBatch(test.GetColumn<ImageColumn>("Image").GetImage(0), 1)[0];
        // A batch of one and a batch of twenty may take different oneDNN kernels: equal to float rounding.
        var batched = scored.GetColumn<VectorColumn>("Score").GetRow(0).ToArray();
        for (var j = 0; j < batched.Length; j++) Assert.Equal(batched[j], one.Score[j], 1e-6);
    }

    [Fact]
    public void A_pos_weight_per_label_must_match_the_label_count()
    {
        var options = Workout.Small();
        options.Loss = Loss.BinaryCrossEntropy([1.0, 2.0]);
        var e = Assert.Throws<ArgumentException>(() =>
            new CnnContext(1).MultilabelClassification.Trainers.Cnn(options).Fit(TaskData.Multilabel(FashionMnist.Train(50))));
        Assert.Contains("2 positive weights but the model has 3 labels", e.Message);
    }

    [Fact]
    public void Label_values_outside_zero_one_name_the_row()
    {
        var data = TaskData.Multilabel(FashionMnist.Train(20));
        var values = data.GetColumn<VectorColumn>("Label").Values.ToArray();
        values[3 * 7 + 1] = 2f;
        data = data.WithColumn(new VectorColumn("Label", 3, values, TaskData.LabelNames));
        var e = Assert.Throws<ArgumentException>(() => new CnnContext(1).MultilabelClassification.Trainers.Cnn(Workout.Small()).Fit(data));
        Assert.Contains("row 7", e.Message);
        Assert.Contains("outside [0, 1]", e.Message);
    }
}
