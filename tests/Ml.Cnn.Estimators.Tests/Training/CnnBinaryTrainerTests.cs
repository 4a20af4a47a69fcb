using Ml.Cnn.Legacy;
using Ml.Cnn.Losses;
using Ml.Cnn.Model;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Training;

public class CnnBinaryTrainerTests
{
    [Fact]
    public void Footwear_detection_beats_the_majority_class_by_a_wide_margin()
    {
        var context = new CnnContext(3);
        using var model = context.BinaryClassification.Trainers.Cnn(Workout.Small()).Fit(TaskData.Binary(FashionMnist.Train(2000)));
        var test = TaskData.Binary(FashionMnist.Test(1000));
        var metrics = context.BinaryClassification.Evaluate(model.Transform(test));

        var positives = test.GetColumn<ScalarColumn<bool>>("Label").Values.Count(b => b);
        var majority = Math.Max(positives, 1000 - positives) / 1000.0;
        Assert.True(metrics.Accuracy > majority + 0.2, $"Accuracy {metrics.Accuracy}, majority baseline {majority}");
        Assert.True(metrics.AreaUnderRocCurve > 0.95, $"AUC {metrics.AreaUnderRocCurve}");
        Assert.Null(model.History!.Epochs[0].ValidationLoss);
        Assert.NotNull(model.History.Epochs[0].TrainAccuracy);
    }

    [Fact]
    public void Workout_scores_probabilities_and_predicted_labels_that_survive_a_round_trip()
    {
        var options = Workout.Small();
        options.Epochs = 1;
        options.Loss = Loss.SigmoidFocal(gamma: 2, alpha: 0.25);
        options.ValidationFraction = 0.2;
        using var model = new CnnContext(1).BinaryClassification.Trainers.Cnn(options).Fit(TaskData.Binary(FashionMnist.Train(300)));
        Assert.NotNull(model.History!.Epochs[0].ValidationLoss);
        Assert.NotNull(model.History.Epochs[0].ValidationAccuracy);

        var test = TaskData.Binary(FashionMnist.Test(20));
        Workout.Run(model, test, "Score", "Probability", "PredictedLabel");
        var scored = model.Transform(test);
        var score = scored.GetColumn<ScalarColumn<float>>("Score").Values;
        var probability = scored.GetColumn<ScalarColumn<float>>("Probability").Values;
        var predicted = scored.GetColumn<ScalarColumn<bool>>("PredictedLabel").Values;
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-score[i])), probability[i], 1e-6);
            Assert.Equal(probability[i] >= 0.5f, predicted[i]);
        }
        var one = model.PredictBatch(test.GetColumn<ImageColumn>("Image").GetImage(3), 1)[0];
        Assert.Equal(score[3], one.Score, 1e-5);
    }

    [Fact]
    public void Text_labels_are_refused_with_advice()
    {
        var trainer = new CnnContext(1).BinaryClassification.Trainers.Cnn(Workout.Small());
        var e = Assert.Throws<ArgumentException>(() => trainer.Fit(FashionMnist.Train(50)));
        Assert.Contains("bool label column", e.Message);
    }

    [Fact]
    public void Class_weights_are_keyed_by_false_and_true()
    {
        var options = Workout.Small();
        options.Epochs = 1;
        options.ClassWeights = new Dictionary<string, float> { ["true"] = 3f };
        using var model = new CnnContext(1).BinaryClassification.Trainers.Cnn(options).Fit(TaskData.Binary(FashionMnist.Train(200)));
        Assert.Equal(CnnTask.Binary, model.Task);

        options.ClassWeights = new Dictionary<string, float> { ["yes"] = 3f };
        var e = Assert.Throws<ArgumentException>(() => new CnnContext(1).BinaryClassification.Trainers.Cnn(options).Fit(TaskData.Binary(FashionMnist.Train(50))));
        Assert.Contains("'yes'", e.Message);
    }

    [Fact]
    public void A_multiclass_file_is_refused_by_the_binary_loader()
    {
        var options = Workout.Small();
        options.Epochs = 1;
        using var model = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(FashionMnist.Train(100));
        using var folder = new Ml.Cnn.Tests.Shared.TempFolder();
        model.Save(folder.File("m.mlcnn"));
        var e = Assert.Throws<ModelFileException>(() => CnnBinaryModel.Load(folder.File("m.mlcnn"), Engine.ComputeDevice.Cpu));
        Assert.Contains("multiclass model", e.Message);
    }
}
