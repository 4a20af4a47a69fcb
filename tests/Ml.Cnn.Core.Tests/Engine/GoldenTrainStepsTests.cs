using System.Text.Json;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Core.Tests.Engine;

/// <summary>
/// Whole training steps equal PyTorch's plain NCHW eager steps (tests/reference/golden_train_steps.json): the speed
/// rewrites of the native network (activation after max pool, in-place ReLU, channels-last weights and inputs, a first
/// convolution fused with the max pool after it) change no loss, gradient, parameter or batch-norm estimate.
/// </summary>
public class GoldenTrainStepsTests
{
    private const double RelativeTolerance = 1e-4;
    private const double AbsoluteTolerance = 1e-5;

    private static readonly Lazy<JsonElement> Golden = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "reference", "golden_train_steps.json"))).RootElement);

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var c in Golden.Value.GetProperty("cases").EnumerateArray()) names.Add(c.GetProperty("name").GetString()!);
        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Steps_match_PyTorch(string name)
    {
        var c = Golden.Value.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        using var network = Network.Create(GoldenForwardTests.Spec(c.GetProperty("layers")), ComputeDevice.Cpu);
        GoldenForwardTests.LoadState(network, c.GetProperty("initial"));
        network.SetInputPreprocessing(1f / 255, [], []);
        using var optimizer = Optimizer.Create(network, Golden.Value.GetProperty("optimizer").GetString()!);
        using var loss = new LossFunction("ce", [], LossReduction.Mean);
        var shape = c.GetProperty("input_shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var pixels = c.GetProperty("pixels").EnumerateArray().Select(v => (byte)v.GetInt32()).ToArray();
        var labels = c.GetProperty("labels").EnumerateArray().Select(v => (float)v.GetInt32()).ToArray();
        var outputs = new float[shape[0] * c.GetProperty("layers").EnumerateArray().Last().GetProperty("out").GetInt32()];

        var step = 0;
        foreach (var expected in c.GetProperty("losses").EnumerateArray())
        {
            var value = network.TrainStep(optimizer, loss, pixels, shape[0], new ImageShape(shape[1], shape[2], shape[3]), labels, 1, [], outputs);
            Close(expected.GetDouble(), value, $"{name} loss before step {++step}");
        }
        foreach (var entry in c.GetProperty("state").EnumerateObject())
        {
            using var actual = network.GetState(entry.Name);
            var values = actual.ToArray();
            var expected = entry.Value.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(expected.Length, values.Length);
            for (var i = 0; i < expected.Length; i++) Close(expected[i], values[i], $"{name} {entry.Name}[{i}]");
        }
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= RelativeTolerance * Math.Abs(expected) + AbsoluteTolerance,
            $"{what}: expected {expected:R}, got {actual:R}");
}
