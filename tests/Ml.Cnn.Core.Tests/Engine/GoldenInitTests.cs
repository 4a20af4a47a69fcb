using System.Text.Json;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Core.Tests.Engine;

/// <summary>Initial weights against PyTorch's after torch.manual_seed, in tests/reference/golden_init.json.</summary>
public class GoldenInitTests
{
    private static readonly Lazy<JsonDocument> Golden = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "reference", "golden_init.json"))));

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var c in Golden.Value.RootElement.GetProperty("cases").EnumerateArray()) names.Add(c.GetProperty("name").GetString()!);
        return names;
    }

    [Fact]
    public void GoldenFile_HoldsCases() => Assert.True(CaseNames().Count >= 3);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Create_InitializesAsPyTorchDoesAfterManualSeed(string name)
    {
        var c = Golden.Value.RootElement.GetProperty("cases").EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        using var network = Network.Create(GoldenForwardTests.Spec(c.GetProperty("layers")), ComputeDevice.Cpu, c.GetProperty("seed").GetUInt64());

        var state = c.GetProperty("state");
        Assert.Equal(state.EnumerateObject().Select(p => p.Name).Order(),
            network.StateNames.Where(n => !n.EndsWith("num_batches_tracked", StringComparison.Ordinal)).Order());
        foreach (var entry in state.EnumerateObject())
        {
            using var tensor = network.GetState(entry.Name);
            Assert.Equal(GoldenForwardTests.Longs(entry.Value.GetProperty("shape")), tensor.Shape);
            Assert.Equal(GoldenForwardTests.Floats(entry.Value.GetProperty("values")), tensor.ToArray());
        }
    }

    [Fact]
    public void Create_WeightsDoNotDependOnNetworksBuiltBefore()
    {
        var c = Golden.Value.RootElement.GetProperty("cases")[0];
        var spec = GoldenForwardTests.Spec(c.GetProperty("layers"));
        using (Network.Create(spec, ComputeDevice.Cpu, 1)) { }
        using var network = Network.Create(spec, ComputeDevice.Cpu, c.GetProperty("seed").GetUInt64());
        using var weight = network.GetState("0.weight");

        Assert.Equal(GoldenForwardTests.Floats(c.GetProperty("state").GetProperty("0.weight").GetProperty("values")), weight.ToArray());
    }
}
