using System.Text.Json;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Core.Tests.Engine;

/// <summary>
/// Every loss × reduction × weighting × smoothing case of tests/reference/golden_losses.json: the loss value and its
/// gradient with respect to the outputs equal PyTorch's within a relative tolerance of 1e-5 (absolute 1e-6 near zero).
/// </summary>
public class GoldenLossesTests
{
    private const double RelativeTolerance = 1e-5;
    private const double AbsoluteTolerance = 1e-6;

    private static readonly Lazy<JsonElement[]> Cases = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "reference", "golden_losses.json")))
            .RootElement.GetProperty("cases").EnumerateArray().ToArray());

    public static TheoryData<string> Kinds()
    {
        var kinds = new TheoryData<string>();
        foreach (var k in Cases.Value.Select(c => KindOf(c.GetProperty("name").GetString()!)).Distinct()) kinds.Add(k);
        return kinds;
    }

    [Fact]
    public void GoldenFile_CoversEveryLossKind()
    {
        var kinds = Cases.Value.Select(c => KindOf(c.GetProperty("name").GetString()!)).ToHashSet();
        string[] expected = ["ce", "focal", "hinge", "bce", "sigmoid_focal", "binary_hinge", "mse", "mae", "huber", "smoothl1", "triplet", "sum"];
        Assert.Subset(kinds, expected.ToHashSet());
        Assert.True(Cases.Value.Length > 1000);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LossAndGradient_MatchPyTorch(string kind)
    {
        var failures = new List<string>();
        var checkedCases = 0;
        foreach (var c in Cases.Value.Where(c => KindOf(c.GetProperty("name").GetString()!) == kind))
        {
            checkedCases++;
            var name = c.GetProperty("name").GetString()!;
            var rows = c.GetProperty("rows").GetInt32();
            var outputs = c.GetProperty("outputs").GetInt32();
            using var loss = new LossFunction(c.GetProperty("spec").GetString()!, Floats(c.GetProperty("classWeights")), Reduction(c));
            using var output = Tensor.FromArray(Floats(c.GetProperty("output")), [rows, outputs]);
            var (value, gradient) = loss.ComputeWithGradient(output, Floats(c.GetProperty("target")), c.GetProperty("targetColumns").GetInt32(),
                Floats(c.GetProperty("exampleWeights")));
            using (gradient)
            {
                Check(failures, name, "loss", c.GetProperty("loss").GetDouble(), value);
                var expected = Floats(c.GetProperty("grad"));
                var actual = gradient.ToArray();
                for (var i = 0; i < expected.Length; i++) Check(failures, name, $"grad[{i}]", expected[i], actual[i]);
            }
        }
        Assert.True(checkedCases > 0);
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches, first: {string.Join("; ", failures.Take(5))}");
    }

    private static void Check(List<string> failures, string name, string what, double expected, double actual)
    {
        if (!(Math.Abs(actual - expected) <= RelativeTolerance * Math.Abs(expected) + AbsoluteTolerance))
            failures.Add($"{name} {what}: expected {expected:R}, got {actual:R}");
    }

    private static string KindOf(string name) => name[..name.IndexOf('/')];

    private static LossReduction Reduction(JsonElement c) => c.GetProperty("reduction").GetString() switch
    {
        "mean" => LossReduction.Mean,
        "sum_over_batch" => LossReduction.SumOverBatchSize,
        "sum" => LossReduction.Sum,
        var r => throw new InvalidDataException($"unknown reduction {r}"),
    };

    private static float[] Floats(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? [] : e.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
}
