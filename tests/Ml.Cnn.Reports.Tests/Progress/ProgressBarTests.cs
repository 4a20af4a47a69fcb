using Microsoft.ML;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Progress;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Progress;

public class ProgressBarTests
{
    private static CnnTrainerOptions Small() => new()
    {
        Architecture = Architectures.Simple, Epochs = 2, BatchSize = 64, Seed = 7, Device = ComputeDevice.Cpu, Threads = 2, ImageColumnName = "Image",
    };

    /// <summary>The first rows of Fashion-MNIST's t10k split with key labels.</summary>
    private static IDataView Keyed(MLContext ml, int rows)
    {
        var data = ml.Data.TakeRows(ml.Data.LoadIdx(RepoPaths.FashionMnist, "t10k"), rows);
        return ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
    }

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
        var ml = new MLContext(1);
        var trainer = ml.MulticlassClassification.Trainers.Cnn(Small());
        var writer = new StringWriter();
        ProgressBar.Attach(trainer, writer, interactive: false);
        using var model = trainer.Fit(Keyed(ml, 128));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("epoch 1/2  loss ", lines[0]);
        Assert.DoesNotContain("\r", writer.ToString());
    }

    [Fact]
    public void On_a_terminal_it_redraws_the_bar_and_ends_each_epoch_with_validation()
    {
        var ml = new MLContext(1);
        var options = Small();
        options.ValidationFraction = 0.25;
        var trainer = ml.MulticlassClassification.Trainers.Cnn(options);
        var writer = new StringWriter();
        ProgressBar.Attach(trainer, writer, interactive: true);
        using var model = trainer.Fit(Keyed(ml, 256));
        var text = writer.ToString();
        Assert.Contains("\rEpoch 1/2 [", text);
        Assert.Contains("val_loss: ", text);
        Assert.Contains("img/s", text);
    }
}
