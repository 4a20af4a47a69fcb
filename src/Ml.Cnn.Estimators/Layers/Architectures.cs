namespace Ml.Cnn.Layers;

/// <summary>Ready-made networks. Each adapts to the data's image shape and class count.</summary>
public static class Architectures
{
    /// <summary>The names accepted by <see cref="ByName"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["basic", "simple", "resnet", "mobilenet"];

    /// <summary>The seeds' Keras CNN: conv32-maxpool-conv64-maxpool-conv64-flatten-dense64-dense(classes), ReLU throughout.</summary>
    public static NetworkDefinition Basic => new("basic", [
        new Conv2d(32, 3), new Activation(ActivationKind.ReLU), new Pool2d(max: true, 2),
        new Conv2d(64, 3), new Activation(ActivationKind.ReLU), new Pool2d(max: true, 2),
        new Conv2d(64, 3), new Activation(ActivationKind.ReLU),
        new Flatten(), new Dense(64), new Activation(ActivationKind.ReLU), new Dense(),
    ]);

    /// <summary>The seeds' PyTorch SimpleCNN: conv16 (3×3, padding 1)-ReLU-maxpool-flatten-dense(classes).</summary>
    public static NetworkDefinition Simple => new("simple", [
        new Conv2d(16, 3, padding: 1), new Activation(ActivationKind.ReLU), new Pool2d(max: true, 2),
        new Flatten(), new Dense(),
    ]);

    /// <summary>A small ResNet: conv16-BN-ReLU, residual blocks 16, 32 (stride 2), 64 (stride 2), global average pool, dense.</summary>
    public static NetworkDefinition ResNet => new("resnet", [
        new Conv2d(16, 3, padding: 1, bias: false), new BatchNorm2d(), new Activation(ActivationKind.ReLU),
        new ResidualBlock(16), new ResidualBlock(32, stride: 2), new ResidualBlock(64, stride: 2),
        new GlobalAveragePool(), new Dense(),
    ]);

    /// <summary>A small MobileNet-style net: conv32-BN-ReLU, depthwise-separable 64, 128 (stride 2), 128, 256 (stride 2), global average pool, dense.</summary>
    public static NetworkDefinition MobileNet => new("mobilenet", [
        new Conv2d(32, 3, padding: 1, bias: false), new BatchNorm2d(), new Activation(ActivationKind.ReLU),
        new DepthwiseSeparableConv(64), new DepthwiseSeparableConv(128, stride: 2),
        new DepthwiseSeparableConv(128), new DepthwiseSeparableConv(256, stride: 2),
        new GlobalAveragePool(), new Dense(),
    ]);

    /// <summary>The preset of that name (case-insensitive); the error lists the names.</summary>
    /// <param name="name">basic, simple, resnet or mobilenet.</param>
    public static NetworkDefinition ByName(string name) => name?.ToLowerInvariant() switch
    {
        "basic" => Basic,
        "simple" => Simple,
        "resnet" => ResNet,
        "mobilenet" => MobileNet,
        _ => throw new ArgumentException($"Unknown architecture '{name}'. Choose one of: {string.Join(", ", Names)}.", nameof(name)),
    };
}
