using Ml.Cnn.Engine;
using Ml.Cnn.Layers;

namespace Ml.Cnn.Estimators.Tests.Layers;

public class ArchitecturesTests
{
    public static TheoryData<string, int, int, int> Inputs => new()
    {
        { "basic", 1, 28, 28 }, { "simple", 1, 28, 28 }, { "resnet", 1, 28, 28 }, { "mobilenet", 1, 28, 28 },
        { "basic", 3, 32, 32 }, { "simple", 3, 32, 32 }, { "resnet", 3, 32, 32 }, { "mobilenet", 3, 32, 32 },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Parameter_counts_computed_in_CSharp_equal_libtorch(string name, int channels, int height, int width)
    {
        var resolved = Architectures.ByName(name).Resolve(new ImageShape(channels, height, width), 10);
        using var network = Network.Create(resolved.Spec, ComputeDevice.Cpu);
        var (trainable, buffers) = network.ParameterCounts;
        Assert.Equal(trainable, resolved.TrainableParameters);
        Assert.Equal(buffers, resolved.NonTrainableParameters);
    }

    [Fact]
    public void Basic_matches_the_Keras_CNN_of_the_seeds()
    {
        var gray = Architectures.Basic.Resolve(new ImageShape(1, 28, 28), 10);
        Assert.Equal(93_322, gray.TrainableParameters);
        Assert.Equal(FeatureShape.Maps(64, 3, 3), gray.Layers[7].Output);
        var color = Architectures.Basic.Resolve(new ImageShape(3, 32, 32), 10);
        Assert.Equal(122_570, color.TrainableParameters);
    }

    [Fact]
    public void Simple_matches_the_PyTorch_SimpleCNN_of_the_seeds()
    {
        var resolved = Architectures.Simple.Resolve(new ImageShape(3, 32, 32), 10);
        Assert.Equal(FeatureShape.Flat(16 * 16 * 16), resolved.Layers[3].Output);
        Assert.Equal(3 * 16 * 9 + 16 + 16 * 16 * 16 * 10 + 10, resolved.TrainableParameters);
    }

    [Fact]
    public void Blocks_downsample_and_end_in_one_output_per_class()
    {
        var resnet = Architectures.ResNet.Resolve(new ImageShape(3, 32, 32), 7);
        Assert.Equal(FeatureShape.Maps(64, 8, 8), resnet.Layers[5].Output);
        var mobile = Architectures.MobileNet.Resolve(new ImageShape(3, 32, 32), 7);
        Assert.Equal(FeatureShape.Maps(256, 8, 8), mobile.Layers[6].Output);
        Assert.Equal(FeatureShape.Flat(7), mobile.Layers[^1].Output);
    }

    [Fact]
    public void Unknown_name_lists_the_choices()
    {
        var e = Assert.Throws<ArgumentException>(() => Architectures.ByName("vgg"));
        Assert.Contains("vgg", e.Message);
        Assert.Contains("basic, simple, resnet, mobilenet", e.Message);
    }
}
