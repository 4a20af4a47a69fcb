using System.Text.Json;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Core.Tests.Engine;

/// <summary>
/// Each optimizer's first steps on a fixed problem equal PyTorch's parameter trajectory (tests/reference/golden_optimizers.json):
/// SGD (momentum, dampening, Nesterov, weight decay), Adam (amsgrad), AdamW, AdaGrad, RMSprop (centered), L1, clipping.
/// </summary>
public class GoldenOptimizersTests
{
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteTolerance = 1e-6;

    private static readonly Lazy<JsonElement> Golden = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "reference", "golden_optimizers.json"))).RootElement);

    public static TheoryData<string> Specs()
    {
        var specs = new TheoryData<string>();
        foreach (var c in Golden.Value.GetProperty("cases").EnumerateArray()) specs.Add(c.GetProperty("spec").GetString()!);
        return specs;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Trajectory_matches_PyTorch(string spec)
    {
        var golden = Golden.Value;
        var c = golden.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("spec").GetString() == spec);
        using var network = Network.Create("flatten\ndense in=4 out=3", ComputeDevice.Cpu);
        network.SetInputPreprocessing(1f / 255, [], []);
        using (var w = Tensor.FromArray(Floats(golden.GetProperty("weight")), 3, 4)) network.SetState("1.weight", w);
        using (var b = Tensor.FromArray(Floats(golden.GetProperty("bias")), 3)) network.SetState("1.bias", b);
        using var optimizer = Optimizer.Create(network, spec);
        using var loss = new LossFunction("ce", [], LossReduction.Mean);
        var pixels = golden.GetProperty("pixels").EnumerateArray().Select(v => (byte)v.GetInt32()).ToArray();
        var labels = golden.GetProperty("labels").EnumerateArray().Select(v => (float)v.GetInt32()).ToArray();
        var steps = c.GetProperty("losses").GetArrayLength();

        for (var step = 0; step < steps; step++)
        {
            var value = network.TrainStep(optimizer, loss, pixels, 6, new ImageShape(1, 2, 2), labels, 1, [], []);
            Close(c.GetProperty("losses")[step].GetDouble(), value, $"{spec} step {step + 1} loss");
            using var weight = network.GetState("1.weight");
            using var bias = network.GetState("1.bias");
            Close(Floats(c.GetProperty("weights")[step]), weight.ToArray(), $"{spec} step {step + 1} weight");
            Close(Floats(c.GetProperty("biases")[step]), bias.ToArray(), $"{spec} step {step + 1} bias");
        }
    }

    private static void Close(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Close(expected[i], actual[i], $"{what}[{i}]");
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= RelativeTolerance * Math.Abs(expected) + AbsoluteTolerance,
            $"{what}: expected {expected:R}, got {actual:R}");

    private static float[] Floats(JsonElement e) => e.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
}
