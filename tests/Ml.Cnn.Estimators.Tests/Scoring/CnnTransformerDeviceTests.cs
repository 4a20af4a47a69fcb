using Microsoft.ML;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Estimators.Tests.Scoring;

/// <summary><c>OnDevice</c>: a copy of the model on another device that scores as the original and lives on its own.</summary>
public sealed class CnnTransformerDeviceTests
{
    private static readonly MLContext Ml = new(seed: 4);

    [Fact]
    public void A_copy_on_the_cpu_scores_as_the_original_and_is_disposed_on_its_own()
    {
        var options = Slices.Small();
        options.Epochs = 1;
        using var model = Ml.MulticlassClassification.Trainers.Cnn(options).Fit(Slices.Keyed(Ml, FashionMnist.Train(200)));
        var test = Slices.Keyed(Ml, FashionMnist.Test(32));
        var expected = Slices.Scores(model.Transform(test));

        using (var copy = model.OnDevice(ComputeDevice.Cpu))
        {
            Assert.NotSame(model, copy);
            Assert.Equal(ComputeDevice.Cpu, copy.Device);
            Assert.Equal(expected, Slices.Scores(copy.Transform(test)));
            Assert.Equal(model.Summary(), copy.Summary());
        }

        Assert.Equal(expected, Slices.Scores(model.Transform(test)));
    }

    [Fact]
    public void Cuda_without_a_cuda_device_is_refused_saying_so()
    {
        if (Torch.CudaDeviceCount > 0) return;
        var options = Slices.Small();
        options.Epochs = 1;
        using var model = Ml.MulticlassClassification.Trainers.Cnn(options).Fit(Slices.Keyed(Ml, FashionMnist.Train(64)));

        var e = Assert.Throws<InvalidOperationException>(() => model.OnDevice(ComputeDevice.Cuda));
        Assert.Contains("no CUDA device", e.Message);
    }
}
