using Microsoft.ML;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>
/// Trainings in one process do not touch each other: each network has its own random generator and CPU threads, so two
/// fits side by side (a sweep, a test runner) give the numbers each gives alone, and a fit leaves the process' settings.
/// </summary>
public sealed class TrainerIsolationTests
{
    private static readonly NetworkDefinition WithDropout = new("dropout", [
        new Conv2d(8, 3, padding: 1), new Activation(ActivationKind.ReLU), new Pool2d(max: true, 2),
        new Flatten(), new Dropout(0.3), new Dense(),
    ]);

    [Fact]
    public void Two_fits_side_by_side_score_as_each_fit_alone()
    {
        var ml = new MLContext(seed: 1);
        var train = Slices.Keyed(ml, FashionMnist.Train(256));
        var test = Slices.Keyed(ml, FashionMnist.Test(32));

        float[][] Fit(int seed)
        {
            var options = Slices.Small(seed);
            options.Architecture = WithDropout;
            options.Threads = 1;
            using var model = ml.MulticlassClassification.Trainers.Cnn(options).Fit(train);
            return Slices.Scores(model.Transform(test));
        }

        var alone = new[] { Fit(3), Fit(4) };
        var sideBySide = new float[2][][];
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() => sideBySide[i] = Fit(3 + i))).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        Assert.Equal(alone[0], sideBySide[0]);
        Assert.Equal(alone[1], sideBySide[1]);
        Assert.NotEqual(alone[0], alone[1]);
    }

    [Fact]
    public void A_fit_with_its_own_threads_leaves_the_process_setting()
    {
        var ml = new MLContext(seed: 1);
        var before = Torch.Threads;
        var options = Slices.Small();
        options.Epochs = 1;
        options.Threads = before == 1 ? 2 : 1;

        using var model = ml.MulticlassClassification.Trainers.Cnn(options).Fit(Slices.Keyed(ml, FashionMnist.Train(64)));

        Assert.Equal(before, Torch.Threads);
    }
}
