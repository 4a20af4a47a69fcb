using Ml.Cnn.Legacy;
using Ml.Cnn.Losses;

namespace Ml.Cnn.Estimators.Tests.Training;

public class CnnEmbeddingTrainerTests
{
    [Fact]
    public void Triplet_training_puts_same_class_neighbours_first_far_above_chance()
    {
        var context = new CnnContext(3);
        var options = Workout.Small();
        options.EmbeddingDimension = 16;
        options.Epochs = 3;
        using var model = context.Embeddings.Trainers.Cnn(options).Fit(FashionMnist.Train(2000));
        var metrics = context.Embeddings.Evaluate(model.Transform(FashionMnist.Test(1000)));

        // A random embedding finds a same-class nearest neighbour about 10% of the time (10 balanced classes).
        Assert.True(metrics.Recall(1) > 0.6, $"Recall@1 {metrics.Recall(1)}");
        Assert.True(metrics.Recall(5) >= metrics.Recall(1));
    }

    [Fact]
    public void Workout_embeddings_have_unit_length_and_survive_a_round_trip()
    {
        var options = Workout.Small();
        options.Epochs = 1;
        options.EmbeddingDimension = 8;
        options.Loss = Loss.TripletMargin(margin: 0.5, p: 2, swap: true);
        using var model = new CnnContext(1).Embeddings.Trainers.Cnn(options).Fit(FashionMnist.Train(300));
        var test = FashionMnist.Test(20);
        Workout.Run(model, test, "Embedding");

        var embedding = model.Transform(test).GetColumn<VectorColumn>("Embedding");
        Assert.Equal(8, embedding.Width);
        for (var i = 0; i < 20; i++)
        {
            var row = embedding.GetRow(i).ToArray();
            Assert.Equal(1.0, Math.Sqrt(row.Sum(v => (double)v * v)), 1e-5);
        }
    }
}
