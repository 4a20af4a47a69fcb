using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Core.Tests.Engine;

/// <summary>The CUDA path against the CPU path: same weights, same steps, same predictions; mixed precision on the GPU.</summary>
public class CudaTrainingTests
{
    private const string Spec = "conv2d in=3 out=8 kernel=3 padding=1 bias=0\nbatchnorm2d channels=8\nrelu\nresidual in=8 out=16 stride=2\ngap\ndense in=16 out=4";
    private static readonly ImageShape Shape = new(3, 16, 16);

    [CudaFact]
    public void Float32_steps_and_predictions_on_CUDA_equal_CPU()
    {
        using var cpu = Build(ComputeDevice.Cpu, TrainingPrecision.Float32);
        using var gpu = Build(ComputeDevice.Cuda, TrainingPrecision.Float32);
        CopyState(cpu, gpu);
        var (pixels, labels) = Batch(24);

        var cpuLosses = Steps(cpu, pixels, labels, 4);
        var gpuLosses = Steps(gpu, pixels, labels, 4);

        for (var i = 0; i < cpuLosses.Length; i++) Assert.True(Math.Abs(cpuLosses[i] - gpuLosses[i]) <= 1e-3 * Math.Abs(cpuLosses[i]) + 1e-4, $"step {i + 1}: {cpuLosses[i]} vs {gpuLosses[i]}");
        var a = new float[24 * 4];
        var b = new float[24 * 4];
        cpu.Predict(pixels, 24, Shape, OutputHead.Softmax, a);
        gpu.Predict(pixels, 24, Shape, OutputHead.Softmax, b);
        for (var i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1e-3, $"probability {i}: {a[i]} vs {b[i]}");
    }

    [CudaFact]
    public void BFloat16_and_Float16_steps_learn_and_float16_scales_the_loss()
    {
        var (pixels, labels) = Batch(32);
        foreach (var precision in new[] { TrainingPrecision.BFloat16, TrainingPrecision.Float16 })
        {
            using var network = Build(ComputeDevice.Cuda, precision);
            using var optimizer = Optimizer.Create(network, "adam lr=0.003");
            var losses = Steps(network, pixels, labels, 30, optimizer);
            Assert.True(losses[^1] < 0.7 * losses[0], $"{precision}: {string.Join(", ", losses)}");
            if (precision == TrainingPrecision.Float16) Assert.True(optimizer.LossScale >= 1, $"loss scale {optimizer.LossScale}");
            else Assert.Equal(0, optimizer.LossScale);
        }
    }

    [CudaFact]
    public void Augmentation_runs_on_the_GPU_batch()
    {
        using var network = Build(ComputeDevice.Cuda, TrainingPrecision.BFloat16);
        using var optimizer = Optimizer.Create(network, "sgd lr=0.01");
        using var loss = new LossFunction("ce", [], LossReduction.Mean);
        using var plan = new AugmentationPlan();
        var (pixels, labels) = Batch(8);
        var thetas = Enumerable.Range(0, 8).SelectMany(_ => new[] { 0.9f, 0.1f, 0.05f, -0.1f, 0.9f, 0f }).ToArray();
        plan.AddAffine(thetas, 8, FillMode.Reflect, Interpolation.Bilinear, 0f);
        var value = network.TrainStep(optimizer, loss, plan, pixels, 8, Shape, labels, 1, [], new float[8 * 4]);
        Assert.True(float.IsFinite(value));
    }

    private static Network Build(ComputeDevice device, TrainingPrecision precision)
    {
        var network = Network.Create(Spec, device, 11);
        network.SetInputPreprocessing(1f / 255, [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]);
        network.Precision = precision;
        return network;
    }

    private static void CopyState(Network from, Network to)
    {
        foreach (var name in from.StateNames)
        {
            using var value = from.GetState(name);
            to.SetState(name, value);
        }
    }

    private static (byte[] Pixels, float[] Labels) Batch(int count)
    {
        var pixels = new byte[count * Shape.Channels * Shape.Height * Shape.Width];
        new Random(4).NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(i => (float)(pixels[i * 768] % 4)).ToArray();
        return (pixels, labels);
    }

    private static float[] Steps(Network network, byte[] pixels, float[] labels, int steps, Optimizer? given = null)
    {
        using var owned = given is null ? Optimizer.Create(network, "sgd lr=0.05 momentum=0.9") : null;
        var optimizer = given ?? owned!;
        using var loss = new LossFunction("ce", [], LossReduction.Mean);
        var outputs = new float[labels.Length * 4];
        return Enumerable.Range(0, steps)
            .Select(_ => network.TrainStep(optimizer, loss, pixels, labels.Length, Shape, labels, 1, [], outputs))
            .ToArray();
    }
}
