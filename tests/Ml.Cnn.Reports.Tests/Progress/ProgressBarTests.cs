using Ml.Cnn.Legacy;
using Microsoft.ML;
using Ml.Cnn.Progress;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Progress;

public class ProgressBarTests
{
    [Fact]
    public void The_bar_line_looks_like_Keras()
    {
        var line = ProgressBar.Line(new BatchCompletedEventArgs(2, 5, 10, 20, 0.41234, 0.86, 0.001), 12.4);
        Assert.Equal("Epoch 2/5 [===============>..............] 10/20 - 12s - loss: 0.4123 - acc: 0.8600", line);
        var done = ProgressBar.Line(new BatchCompletedEventArgs(1, 1, 20, 20, 0.5, null, 0.001), 3);
        Assert.Equal("Epoch 1/1 [==============================] 20/20 - 3s - loss: 0.5000", done);
    }

    [Fact]
    public void Without_a_terminal_it_prints_one_plain_line_per_epoch()
    {
        var options = Training.Workout.Small();
        var trainer = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options);
        var writer = new StringWriter();
        ProgressBar.Attach(trainer, writer, interactive: false);
        using var model = trainer.Fit(FashionMnist.Train(128));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("epoch 1/2  loss ", lines[0]);
        Assert.DoesNotContain("\r", writer.ToString());
    }

    [Fact]
    public void On_a_terminal_it_redraws_the_bar_and_ends_each_epoch_with_validation()
    {
        var options = Training.Workout.Small();
        options.ValidationFraction = 0.25;
        var trainer = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options);
        var writer = new StringWriter();
        ProgressBar.Attach(trainer, writer, interactive: true);
        using var model = trainer.Fit(FashionMnist.Train(256));
        var text = writer.ToString();
        Assert.Contains("\rEpoch 1/2 [", text);
        Assert.Contains("val_loss: ", text);
        Assert.Contains("img/s", text);
    }

    [Fact]
    public void It_draws_the_progress_of_the_MlNet_trainer_too()
    {
        var ml = new Microsoft.ML.MLContext(1);
        var data = ml.Data.LoadIdx(Ml.Cnn.Tests.Shared.RepoPaths.FashionMnist, "t10k");
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(ml.Data.TakeRows(data, 128));
        var options = Training.Workout.Small();
        options.ImageColumnName = "Image";
        var trainer = ml.MulticlassClassification.Trainers.Cnn(options);
        var writer = new StringWriter();
        ProgressBar.Attach(trainer, writer, interactive: false);
        using var model = trainer.Fit(keyed);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(options.Epochs, lines.Length);
        Assert.StartsWith("epoch 1/2  loss ", lines[0]);
    }
}
