using Ml.Cnn.Engine;
using Ml.Cnn.Model;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Model;

public class CnnModelConcurrencyTests
{
    [Fact]
    public void Many_threads_predicting_with_one_model_get_the_serial_results()
    {
        var options = Training.Workout.Small();
        options.Epochs = 1;
        using var model = new CnnContext(1).MulticlassClassification.Trainers.Cnn(options).Fit(FashionMnist.Train(200));
        var images = FashionMnist.Test(64).GetColumn<ImageColumn>("Image");
        var serial = Enumerable.Range(0, 64).Select(i => model.Predict(images.GetImage(i)).Score).ToArray();

        var parallel = new float[64][];
        Parallel.For(0, 64 * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            var i = k % 64;
            var score = model.Predict(images.GetImage(i)).Score;
            if (k >= 64 * 3) parallel[i] = score;
            Assert.Equal(serial[i], score);
        });
        Assert.All(Enumerable.Range(0, 64), i => Assert.Equal(serial[i], parallel[i]));
    }
}
