using Ml.Cnn.Layers;

namespace Ml.Cnn.Estimators.Tests.Layers;

public class NetworkDefinitionTests
{
    [Fact]
    public void Dense_on_feature_maps_names_the_layer_and_the_fix()
    {
        var definition = new NetworkDefinition("bad", [new Conv2d(4, 3), new Dense()]);
        var e = Assert.Throws<ArgumentException>(() => definition.Resolve(new ImageShape(1, 8, 8), 3));
        Assert.Contains("layer 2 (Dense)", e.Message);
        Assert.Contains("Flatten", e.Message);
    }

    [Fact]
    public void An_image_too_small_for_the_network_is_rejected_before_training()
    {
        var e = Assert.Throws<ArgumentException>(() => Architectures.Basic.Resolve(new ImageShape(1, 8, 8), 10));
        Assert.Contains("layer 6 (MaxPool2d) with input [64, 1, 1]", e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void A_network_must_end_with_one_output_per_class()
    {
        var definition = new NetworkDefinition("wrong", [new Flatten(), new Dense(5)]);
        var e = Assert.Throws<ArgumentException>(() => definition.Resolve(new ImageShape(1, 4, 4), 3));
        Assert.Contains("3 classes", e.Message);
    }

    [Fact]
    public void Window_arithmetic_follows_PyTorch()
    {
        var definition = new NetworkDefinition("w", [
            new Conv2d(6, 3, stride: 2, padding: 2, dilation: 2), new Pool2d(max: false, 3, 1, 1), new Conv2d(4, 1, groups: 2),
            new Flatten(), new Dense(),
        ]);
        var resolved = definition.Resolve(new ImageShape(2, 11, 11), 3);
        Assert.Equal(FeatureShape.Maps(6, 6, 6), resolved.Layers[0].Output);
        Assert.Equal(FeatureShape.Maps(6, 6, 6), resolved.Layers[1].Output);
        Assert.Equal(4 * 3 + 4, resolved.Layers[2].TrainableParameters);
    }

    [Fact]
    public void Groups_must_divide_the_channels()
    {
        var definition = new NetworkDefinition("g", [new Conv2d(4, 3, groups: 3), new Flatten(), new Dense()]);
        var e = Assert.Throws<ArgumentException>(() => definition.Resolve(new ImageShape(2, 8, 8), 2));
        Assert.Contains("groups=3", e.Message);
    }

    [Fact]
    public void Invalid_layer_arguments_are_rejected_at_construction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2d(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchNorm2d(epsilon: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pool2d(max: true, 2, padding: 2));
    }
}
