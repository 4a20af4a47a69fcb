using Ml.Cnn.Tests.Shared;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Core.Tests.Engine;

/// <summary>Forward passes and losses against PyTorch's numbers in tests/reference/golden_forward.json.</summary>
public class GoldenForwardTests
{
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteTolerance = 1e-6;

    private static readonly Lazy<JsonDocument> Golden = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "reference", "golden_forward.json"))));

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var c in Golden.Value.RootElement.GetProperty("cases").EnumerateArray()) names.Add(c.GetProperty("name").GetString()!);
        return names;
    }

    [Fact]
    public void GoldenFile_HoldsCases() => Assert.True(CaseNames().Count >= 4);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_MatchesPyTorch(string name)
    {
        var c = Case(name);
        using var network = Network.Create(Spec(c.GetProperty("layers")), ComputeDevice.Cpu);
        LoadState(network, c.GetProperty("state"));
        using var input = Tensor.FromArray(Floats(c.GetProperty("input")), Longs(c.GetProperty("input_shape")));

        using var logits = network.Forward(input, training: false);

        var expected = c.GetProperty("logits");
        Assert.Equal(Longs(expected.GetProperty("shape")), logits.Shape);
        AssertClose(Floats(expected.GetProperty("values")), logits.ToArray(), $"{name} logits");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void CrossEntropy_MatchesPyTorch(string name)
    {
        var c = Case(name);
        var expected = c.GetProperty("logits");
        using var logits = Tensor.FromArray(Floats(expected.GetProperty("values")), Longs(expected.GetProperty("shape")));
        var labels = Longs(c.GetProperty("labels"));
        var weights = Floats(c.GetProperty("weights"));

        using var loss = new LossFunction("ce", [], LossReduction.Mean);
        var target = labels.Select(l => (float)l).ToArray();

        AssertClose(c.GetProperty("loss_mean").GetDouble(), loss.Compute(logits, target, 1), $"{name} mean loss");
        AssertClose(c.GetProperty("loss_weighted").GetDouble(), loss.Compute(logits, target, 1, weights), $"{name} weighted loss");
    }

    [Fact]
    public void Spec_WritesEveryKeyOfALayer()
    {
        using var layers = JsonDocument.Parse(
            """[{"kind":"conv2d","in":1,"out":4,"kernel":3,"bias":false},{"kind":"batchnorm2d","channels":4,"eps":1e-05},{"kind":"relu"}]""");
        Assert.Equal("conv2d in=1 out=4 kernel=3 bias=0\nbatchnorm2d channels=4 eps=1E-05\nrelu", Spec(layers.RootElement));
    }

    /// <summary>The native layer spec: one line per layer, "kind key=value ...", booleans as 0/1, numbers invariant.</summary>
    internal static string Spec(JsonElement layers)
    {
        var lines = new List<string>();
        foreach (var layer in layers.EnumerateArray())
        {
            var line = new StringBuilder(layer.GetProperty("kind").GetString());
            foreach (var property in layer.EnumerateObject().Where(p => p.Name != "kind"))
                line.Append(' ').Append(property.Name).Append('=').Append(property.Value.ValueKind switch
                {
                    JsonValueKind.True => "1",
                    JsonValueKind.False => "0",
                    JsonValueKind.Number => property.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
                    _ => throw new InvalidDataException($"Layer key '{property.Name}' has a {property.Value.ValueKind} value."),
                });
            lines.Add(line.ToString());
        }
        return string.Join('\n', lines);
    }

    internal static void LoadState(Network network, JsonElement state)
    {
        var expectedNames = network.StateNames.Where(n => !n.EndsWith("num_batches_tracked", StringComparison.Ordinal)).Order();
        Assert.Equal(expectedNames, state.EnumerateObject().Select(p => p.Name).Order());
        foreach (var entry in state.EnumerateObject())
        {
            using var value = Tensor.FromArray(Floats(entry.Value.GetProperty("values")), Longs(entry.Value.GetProperty("shape")));
            network.SetState(entry.Name, value);
        }
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) AssertClose(expected[i], actual[i], $"{what}[{i}]");
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        var tolerance = AbsoluteTolerance + RelativeTolerance * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:G3}).");
    }

    private static JsonElement Case(string name) =>
        Golden.Value.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    internal static float[] Floats(JsonElement array) => array.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();

    internal static long[] Longs(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt64()).ToArray();

}
