using Microsoft.ML;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>A loss that does not fit the task is refused when the trainer is made, before any data is read.</summary>
public sealed class TrainerLossCheckTests
{
    [Fact]
    public void A_loss_of_another_task_is_refused_by_the_catalog_call()
    {
        var ml = new MLContext(1);

        var multiclass = Assert.Throws<ArgumentException>(() =>
            ml.MulticlassClassification.Trainers.Cnn(new CnnTrainerOptions { Loss = Loss.MeanSquaredError() }));
        var binary = Assert.Throws<ArgumentException>(() =>
            ml.BinaryClassification.Trainers.Cnn(new CnnTrainerOptions { Loss = Loss.CrossEntropy() }));

        Assert.Contains("MeanSquaredError does not fit the multiclass task", multiclass.Message);
        Assert.Contains("CrossEntropy does not fit the binary task", binary.Message);
        Assert.NotNull(ml.Regression.Trainers.Cnn(new CnnTrainerOptions { Loss = Loss.Huber(1) }));
    }
}
