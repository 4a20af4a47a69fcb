using Ml.Cnn.Layers;

namespace Ml.Cnn.Estimators.Tests.Layers;

public class ResolvedNetworkTests
{
    [Fact]
    public void Summary_lists_every_layer_with_shape_and_parameters_and_the_totals()
    {
        var summary = Architectures.ResNet.Summary(new ImageShape(1, 28, 28), 10);
        var lines = summary.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("conv2d_1 (Conv2d)") && l.Contains("[16, 28, 28]") && l.TrimEnd().EndsWith("144"));
        Assert.Contains(lines, l => l.StartsWith("batchnorm2d_2 (BatchNorm2d)") && l.TrimEnd().EndsWith("64"));
        Assert.Contains(lines, l => l.StartsWith("dense_8 (Dense)") && l.Contains("[10]"));
        var resolved = Architectures.ResNet.Resolve(new ImageShape(1, 28, 28), 10);
        Assert.Contains($"Trainable params: {resolved.TrainableParameters:N0}", summary);
        Assert.Contains($"Non-trainable params: {resolved.NonTrainableParameters:N0}", summary);
        Assert.True(resolved.NonTrainableParameters > 0);
    }
}
