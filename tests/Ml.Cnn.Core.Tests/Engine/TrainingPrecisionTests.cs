using Ml.Cnn.Engine;
using Ml.Cnn.Native;

namespace Ml.Cnn.Core.Tests.Engine;

/// <summary>Mixed-precision training steps (bfloat16 autocast runs on CPU; float16 needs CUDA).</summary>
public class TrainingPrecisionTests
{
    private const string Spec = "conv2d in=1 out=8 kernel=3\nrelu\nmaxpool2d kernel=2\nflatten\ndense in=1352 out=4";

    [Fact]
    public void BFloat16_steps_track_float32_steps_but_are_not_float32()
    {
        var fp32 = Losses(TrainingPrecision.Float32);
        var bf16 = Losses(TrainingPrecision.BFloat16);

        Assert.NotEqual(fp32, bf16);
        for (var i = 0; i < fp32.Length; i++)
            Assert.True(Math.Abs(fp32[i] - bf16[i]) <= 0.02 * Math.Abs(fp32[i]), $"step {i + 1}: float32 {fp32[i]}, bfloat16 {bf16[i]}");
        Assert.True(bf16[^1] < bf16[0], $"bfloat16 training did not lower the loss: {string.Join(", ", bf16)}");
    }

    [Fact]
    public void Float16_on_CPU_is_refused_with_the_way_out()
    {
        using var network = Network.Create(Spec, ComputeDevice.Cpu);
        var e = Assert.Throws<CnnNativeException>(() => network.Precision = TrainingPrecision.Float16);
        Assert.Contains("needs a CUDA device", e.Message);
        Assert.Contains("bfloat16", e.Message);
        Assert.Equal(TrainingPrecision.Float32, network.Precision);
    }

    [Fact]
    public void Unknown_precision_is_rejected()
    {
        using var network = Network.Create(Spec, ComputeDevice.Cpu);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Precision = (TrainingPrecision)7);
    }

    [Fact]
    public void Loss_scale_stays_zero_without_float16_steps()
    {
        using var network = Network.Create(Spec, ComputeDevice.Cpu);
        using var optimizer = Optimizer.Create(network, "sgd lr=0.1");
        Assert.Equal(0, optimizer.LossScale);
    }

    private static float[] Losses(TrainingPrecision precision)
    {
        using var network = Network.Create(Spec, ComputeDevice.Cpu, 5);
        network.SetInputPreprocessing(1f / 255, [], []);
        network.Precision = precision;
        using var optimizer = Optimizer.Create(network, "adam lr=0.001");
        using var loss = new LossFunction("ce", [], LossReduction.Mean);
        var random = new Random(2);
        var pixels = new byte[32 * 28 * 28];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, 32).Select(i => (float)(pixels[i * 784 + 400] % 4)).ToArray();
        var outputs = new float[32 * 4];
        return Enumerable.Range(0, 6)
            .Select(_ => network.TrainStep(optimizer, loss, pixels, 32, new ImageShape(1, 28, 28), labels, 1, [], outputs))
            .ToArray();
    }
}
