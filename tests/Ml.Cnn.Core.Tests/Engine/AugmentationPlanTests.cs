using System.Text.Json;
using Ml.Cnn.Engine;
using Ml.Cnn.Native;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Core.Tests.Engine;

/// <summary>
/// The augmentation plan checked geometrically on known images (rotations, flips, shifts with every fill mode, color, erase,
/// mixup, cutmix) and against tests/reference/golden_augment.json (PyTorch's affine_grid/grid_sample and the color formulas).
/// </summary>
public class AugmentationPlanTests
{
    private static readonly ImageShape Square = new(1, 5, 5);

    private static readonly Lazy<JsonElement[]> Golden = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "reference", "golden_augment.json")))
            .RootElement.GetProperty("cases").EnumerateArray().ToArray());

    public static TheoryData<string> GoldenCases()
    {
        var names = new TheoryData<string>();
        foreach (var c in Golden.Value) names.Add(c.GetProperty("name").GetString()!);
        return names;
    }

    [Fact]
    public void EmptyPlan_IsTheIdentity()
    {
        using var plan = new AugmentationPlan();
        var shape = new ImageShape(3, 4, 6);
        var input = Pattern(2 * shape.Size);
        Assert.Equal(0, plan.Count);
        Assert.Equal(input, Apply(plan, input, 2, shape));
    }

    [Theory]
    [InlineData(90, 1)]
    [InlineData(180, 2)]
    [InlineData(270, 3)]
    [InlineData(-90, 3)]
    public void Rotation_ByQuarterTurnsEqualsRot90(int degrees, int quarterTurns)
    {
        var input = Asymmetric();
        var t = degrees * Math.PI / 180;
        float cos = (float)Math.Round(Math.Cos(t)), sin = (float)Math.Round(Math.Sin(t));
        using var plan = new AugmentationPlan();
        plan.AddAffine([cos, -sin, 0, sin, cos, 0], 1, FillMode.Constant, Interpolation.Nearest, 0f);
        var expected = input;
        for (var i = 0; i < quarterTurns; i++) expected = Rot90(expected, 5);
        Assert.Equal(expected, Apply(plan, input, 1, Square));
    }

    [Fact]
    public void Rotation_ByAPositiveAngleTurnsTheContentCounterClockwise()
    {
        // A bright pixel on the right edge (middle row) moves to the top edge (middle column).
        var input = new byte[25];
        input[2 * 5 + 4] = 255;
        using var plan = new AugmentationPlan();
        plan.AddAffine([0, -1, 0, 1, 0, 0], 1, FillMode.Constant, Interpolation.Nearest, 0f);
        var output = Apply(plan, input, 1, Square);
        Assert.Equal(255, output[0 * 5 + 2]);
        Assert.Equal(255, output.Sum(b => b));
    }

    [Fact]
    public void Flips_ReverseColumnsOrRows()
    {
        var input = Asymmetric();
        using var plan = new AugmentationPlan();
        plan.AddAffine([-1, 0, 0, 0, 1, 0], 1, FillMode.Constant, Interpolation.Nearest, 0f);
        var horizontal = Apply(plan, input, 1, Square);
        plan.Clear();
        plan.AddAffine([1, 0, 0, 0, -1, 0], 1, FillMode.Constant, Interpolation.Nearest, 0f);
        var vertical = Apply(plan, input, 1, Square);
        for (var r = 0; r < 5; r++)
            for (var c = 0; c < 5; c++)
            {
                Assert.Equal(input[r * 5 + 4 - c], horizontal[r * 5 + c]);
                Assert.Equal(input[(4 - r) * 5 + c], vertical[r * 5 + c]);
            }
    }

    [Fact]
    public void IdentityTheta_LeavesTheImageUnchangedWithBilinear()
    {
        var shape = new ImageShape(3, 4, 7);
        var input = Pattern(2 * shape.Size);
        using var plan = new AugmentationPlan();
        plan.AddAffine([1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0], 2, FillMode.Reflect, Interpolation.Bilinear, 0f);
        Assert.Equal(input, Apply(plan, input, 2, shape));
    }

    [Theory]
    [InlineData(FillMode.Constant, Interpolation.Nearest, new byte[] { 51, 51, 10, 20, 30, 40 })]
    [InlineData(FillMode.Constant, Interpolation.Bilinear, new byte[] { 51, 51, 10, 20, 30, 40 })]
    [InlineData(FillMode.Nearest, Interpolation.Nearest, new byte[] { 10, 10, 10, 20, 30, 40 })]
    [InlineData(FillMode.Nearest, Interpolation.Bilinear, new byte[] { 10, 10, 10, 20, 30, 40 })]
    [InlineData(FillMode.Reflect, Interpolation.Nearest, new byte[] { 20, 10, 10, 20, 30, 40 })]
    [InlineData(FillMode.Reflect, Interpolation.Bilinear, new byte[] { 20, 10, 10, 20, 30, 40 })]
    [InlineData(FillMode.Wrap, Interpolation.Nearest, new byte[] { 50, 60, 10, 20, 30, 40 })]
    [InlineData(FillMode.Wrap, Interpolation.Bilinear, new byte[] { 50, 60, 10, 20, 30, 40 })]
    public void Shift_ByTwoPixelsRightFillsTheBorderAsDocumented(FillMode fill, Interpolation interpolation, byte[] expectedRow)
    {
        // Row a..f = 10..60 on 3 rows; tx = -2k/W moves the content k pixels right. Constant fill 0.2 is byte 51.
        var shape = new ImageShape(1, 3, 6);
        byte[] row = [10, 20, 30, 40, 50, 60];
        var input = Enumerable.Repeat(row, 3).SelectMany(r => r).ToArray();
        using var plan = new AugmentationPlan();
        plan.AddAffine([1, 0, -2f * 2 / 6, 0, 1, 0], 1, fill, interpolation, 0.2f);
        var output = Apply(plan, input, 1, shape);
        for (var r = 0; r < 3; r++) Assert.Equal(expectedRow, output[(r * 6)..(r * 6 + 6)]);
    }

    [Fact]
    public void Shift_DownByOnePixelWithWrapRollsTheRows()
    {
        var input = Asymmetric();
        using var plan = new AugmentationPlan();
        plan.AddAffine([1, 0, 0, 0, 1, -2f / 5], 1, FillMode.Wrap, Interpolation.Nearest, 0f);
        var output = Apply(plan, input, 1, Square);
        for (var r = 0; r < 5; r++)
            for (var c = 0; c < 5; c++)
                Assert.Equal(input[(r + 4) % 5 * 5 + c], output[r * 5 + c]);
    }

    [Fact]
    public void Affine_UsesEachRowsOwnTheta()
    {
        var input = Asymmetric().Concat(Asymmetric()).ToArray();
        using var plan = new AugmentationPlan();
        plan.AddAffine([-1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0], 2, FillMode.Constant, Interpolation.Nearest, 0f);
        var output = Apply(plan, input, 2, Square);
        Assert.Equal(input[4], output[0]);
        Assert.Equal(input[25..], output[25..]);
    }

    [Fact]
    public void Color_BrightnessScalesAndClamps()
    {
        var shape = new ImageShape(3, 2, 2);
        var input = Enumerable.Repeat((byte)100, shape.Size).Concat(Enumerable.Repeat((byte)200, shape.Size)).ToArray();
        using var plan = new AugmentationPlan();
        plan.AddColor([1.5f, 1, 1, 0, 1.5f, 1, 1, 0], 2);
        var output = Apply(plan, input, 2, shape);
        Assert.All(output[..shape.Size], b => Assert.Equal(150, b));
        Assert.All(output[shape.Size..], b => Assert.Equal(255, b));
    }

    [Fact]
    public void Color_ContrastZeroGivesTheMeanOfTheGrayscale()
    {
        var shape = new ImageShape(3, 2, 3);
        var input = Pattern(shape.Size);
        using var plan = new AugmentationPlan();
        plan.AddColor([1, 0, 1, 0], 1);
        var output = Apply(plan, input, 1, shape);
        var mean = Enumerable.Range(0, 6).Average(p => Gray(input, 6, p));
        Assert.All(output, b => Assert.InRange(b, Math.Round(mean) - 1, Math.Round(mean) + 1));
    }

    [Fact]
    public void Color_SaturationZeroGivesGray()
    {
        var shape = new ImageShape(3, 2, 3);
        var input = Pattern(shape.Size);
        using var plan = new AugmentationPlan();
        plan.AddColor([1, 1, 0, 0], 1);
        var output = Apply(plan, input, 1, shape);
        for (var p = 0; p < 6; p++)
            for (var ch = 0; ch < 3; ch++)
                Assert.InRange(output[ch * 6 + p], Math.Round(Gray(input, 6, p)) - 1, Math.Round(Gray(input, 6, p)) + 1);
    }

    [Fact]
    public void Color_HueHalfTurnMakesRedCyan()
    {
        byte[] red = [255, 0, 0];
        using var plan = new AugmentationPlan();
        plan.AddColor([1, 1, 1, 0.5f], 1);
        Assert.Equal(new byte[] { 0, 255, 255 }, Apply(plan, red, 1, new ImageShape(3, 1, 1)));
    }

    [Fact]
    public void ChannelShift_AddsPerChannelAndClamps()
    {
        byte[] input = [100, 100, 250, 250];
        using var plan = new AugmentationPlan();
        plan.AddChannelShift([0.2f, 0.1f], 1, 2);
        Assert.Equal(new byte[] { 151, 151, 255, 255 }, Apply(plan, input, 1, new ImageShape(2, 1, 2)));
    }

    [Fact]
    public void Erase_FillsTheHalfOpenBoxOnEveryChannel()
    {
        var shape = new ImageShape(2, 5, 5);
        var input = Enumerable.Repeat((byte)200, 2 * shape.Size).ToArray();
        using var plan = new AugmentationPlan();
        plan.AddErase([1, 2, 3, 5, 0.2f, 3, 3, 3, 5, 0f], 2);
        var output = Apply(plan, input, 2, shape);
        for (var ch = 0; ch < 2; ch++)
            for (var r = 0; r < 5; r++)
                for (var c = 0; c < 5; c++)
                {
                    var inside = c is >= 1 and < 3 && r is >= 2 and < 5;
                    Assert.Equal(inside ? 51 : 200, output[ch * 25 + r * 5 + c]);
                    Assert.Equal(200, output[shape.Size + ch * 25 + r * 5 + c]);
                }
    }

    [Fact]
    public void Mixup_MixesPixelsAndTargetsWithLambda()
    {
        var shape = new ImageShape(1, 2, 2);
        byte[] input = [200, 200, 200, 200, 100, 100, 100, 100];
        float[] targets = [1, 0, 0, 1];
        using var plan = new AugmentationPlan();
        plan.AddMix([1, 0.3f, 0, 0, 0, 0, 1, 1f, 0, 0, 0, 0], 2);
        var output = new byte[8];
        plan.Apply(input, 2, shape, output, targets, 2);
        Assert.Equal(new byte[] { 130, 130, 130, 130, 100, 100, 100, 100 }, output);
        Assert.Equal(0.3f, targets[0], 1e-6f);
        Assert.Equal(0.7f, targets[1], 1e-6f);
        Assert.Equal(new[] { 0f, 1f }, targets[2..]);
    }

    [Fact]
    public void Cutmix_PastesTheBoxAndMixesTargetsByArea()
    {
        var input = Enumerable.Repeat((byte)10, 25).Concat(Enumerable.Repeat((byte)250, 25)).ToArray();
        float[] targets = [1, 0, 0, 1];
        using var plan = new AugmentationPlan();
        plan.AddMix([1, 0.9f, 1, 2, 3, 4, 0, 0.5f, 0, 0, 0, 0], 2);
        var output = new byte[50];
        plan.Apply(input, 2, Square, output, targets, 2);
        for (var r = 0; r < 5; r++)
            for (var c = 0; c < 5; c++)
                Assert.Equal(c is >= 1 and < 3 && r is >= 2 and < 4 ? 250 : 10, output[r * 5 + c]);
        Assert.All(output[25..], b => Assert.Equal(130, b));
        Assert.Equal(1 - 4f / 25, targets[0], 1e-6f);
        Assert.Equal(4f / 25, targets[1], 1e-6f);
        Assert.Equal(0.5f, targets[2], 1e-6f);
        Assert.Equal(0.5f, targets[3], 1e-6f);
    }

    [Fact]
    public void Ops_RunInOrderAndClearEmptiesThePlan()
    {
        var input = Asymmetric();
        using var plan = new AugmentationPlan();
        plan.AddAffine([-1, 0, 0, 0, 1, 0], 1, FillMode.Constant, Interpolation.Nearest, 0f);
        plan.AddErase([0, 0, 1, 5, 0f], 1);
        Assert.Equal(2, plan.Count);
        var output = Apply(plan, input, 1, Square);
        Assert.Equal(0, output[0]);
        Assert.Equal(input[0], output[4]);
        plan.Clear();
        Assert.Equal(0, plan.Count);
        Assert.Equal(input, Apply(plan, input, 1, Square));
    }

    [Fact]
    public void Apply_RejectsParamsThatDoNotFitTheBatchNamingTheOp()
    {
        var rgb = new ImageShape(3, 2, 2);
        var input = Pattern(2 * rgb.Size);
        using var plan = new AugmentationPlan();
        plan.AddChannelShift([0.1f, 0.1f, 0.1f, 0.1f], 2, 2);
        Assert.Contains("(CHANNEL): params must be [n, 3]", ApplyError(plan, input, 2, rgb));
        plan.Clear();
        plan.AddColor([1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0], 3);
        Assert.Contains("(COLOR): params hold 3 rows but the batch has 2", ApplyError(plan, input, 2, rgb));
        plan.Clear();
        plan.AddMix([1, 0.5f, 0, 0, 0, 0, 2, 0.5f, 0, 0, 0, 0], 2);
        Assert.Contains("augment op 0 (MIX): row 1 names partner 2", ApplyError(plan, input, 2, rgb));
        plan.Clear();
        plan.AddErase([0, 0, 1, 1, 0, 0, 0, 1, 1, 0], 2);
        plan.AddColor([1, 1, 0.5f, 0, 1, 1, 1, 0], 2);
        Assert.Contains("augment op 1 (COLOR): saturation must be 1 and hue 0 on 1-channel images",
            ApplyError(plan, Pattern(8), 2, new ImageShape(1, 2, 2)));
    }

    [Fact]
    public void Add_RejectsAWrongColumnCountOrModeNamingTheOp()
    {
        using var plan = new AugmentationPlan();
        var columns = Assert.Throws<CnnNativeException>(() => AddRaw(plan, kind: 1, rows: 2, columns: 5));
        Assert.Contains("augment op 0 (AFFINE): params must be [n, 6] but are [2, 5]", columns.NativeMessage);
        Assert.Contains("unknown augment kind 9", Assert.Throws<CnnNativeException>(() => AddRaw(plan, kind: 9, rows: 1, columns: 6)).NativeMessage);
        var affine = Assert.Throws<CnnNativeException>(() =>
            plan.AddAffine([1, 0, 0, 0, 1, 0], 1, (FillMode)7, Interpolation.Nearest, 0f));
        Assert.Contains("(AFFINE): unknown fill mode 7", affine.NativeMessage);
        var mix = Assert.Throws<CnnNativeException>(() => plan.AddMix([0, 1.5f, 0, 0, 0, 0], 1));
        Assert.Contains("(MIX): lambda", mix.NativeMessage);
        Assert.Equal(0, plan.Count);
    }

    [Fact]
    public void ManagedChecks_RejectLengthsThatDoNotMatchTheRows()
    {
        using var plan = new AugmentationPlan();
        Assert.Equal("thetas", Assert.Throws<ArgumentException>(() =>
            plan.AddAffine([1, 0, 0, 0, 1], 1, FillMode.Constant, Interpolation.Bilinear, 0f)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.AddColor([], 0));
        Assert.Throws<ArgumentException>(() => plan.Apply(new byte[3], 1, Square, new byte[25]));
        Assert.Throws<ArgumentException>(() => plan.Apply(new byte[25], 1, Square, new byte[25], new float[3], 2));
    }

    [Fact]
    public void Dispose_FreesTheNativePlan()
    {
        var before = Torch.LiveHandles.Augmentations;
        var plan = new AugmentationPlan();
        Assert.Equal(before + 1, Torch.LiveHandles.Augmentations);
        plan.Dispose();
        Assert.Equal(before, Torch.LiveHandles.Augmentations);
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Apply_MatchesPyTorch(string name)
    {
        var c = Golden.Value.Single(g => g.GetProperty("name").GetString() == name);
        var dims = c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var shape = new ImageShape(dims[1], dims[2], dims[3]);
        var input = c.GetProperty("input").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
        using var plan = new AugmentationPlan();
        foreach (var op in c.GetProperty("ops").EnumerateArray()) AddOp(plan, op, shape.Channels);
        var targets = Floats(c.GetProperty("targets"));
        var output = new byte[input.Length];
        plan.Apply(input, dims[0], shape, output, targets, c.GetProperty("targetColumns").GetInt32());
        var expected = Floats(c.GetProperty("expected"));
        var worst = Enumerable.Range(0, expected.Length).Max(i => Math.Abs(output[i] - Math.Clamp(expected[i] * 255, 0, 255)));
        Assert.True(worst <= 1, $"{name}: a byte differs from PyTorch's value by {worst}");
        var expectedTargets = Floats(c.GetProperty("expectedTargets"));
        for (var i = 0; i < expectedTargets.Length; i++) Assert.Equal(expectedTargets[i], targets[i], 1e-6f);
    }

    private static void AddOp(AugmentationPlan plan, JsonElement op, int channels)
    {
        var rows = op.GetProperty("rows").GetInt32();
        var p = Floats(op.GetProperty("params"));
        switch (op.GetProperty("kind").GetString())
        {
            case "affine":
                plan.AddAffine(p, rows, (FillMode)op.GetProperty("fill").GetInt32(), (Interpolation)op.GetProperty("interpolation").GetInt32(),
                    op.GetProperty("value").GetSingle());
                break;
            case "color": plan.AddColor(p, rows); break;
            case "channel": plan.AddChannelShift(p, rows, channels); break;
            case "erase": plan.AddErase(p, rows); break;
            case "mix": plan.AddMix(p, rows); break;
            default: throw new InvalidDataException($"unknown op {op.GetProperty("kind")}");
        }
    }

    private static unsafe void AddRaw(AugmentationPlan plan, int kind, int rows, int columns)
    {
        var values = new float[rows * columns];
        fixed (float* p = values) NativeCheck.Check(NativeMethods.AugmentAdd(plan.Handle, kind, p, rows, columns, 0, 0, 0f), "adding a raw op");
    }

    private static byte[] Apply(AugmentationPlan plan, byte[] input, int count, ImageShape shape)
    {
        var output = new byte[input.Length];
        plan.Apply(input, count, shape, output);
        return output;
    }

    private static string ApplyError(AugmentationPlan plan, byte[] input, int count, ImageShape shape) =>
        Assert.Throws<CnnNativeException>(() => Apply(plan, input, count, shape)).NativeMessage;

    // A 5x5 image with no symmetry: every pixel differs.
    private static byte[] Asymmetric() => Enumerable.Range(0, 25).Select(i => (byte)(i * 10 + 3)).ToArray();

    private static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 37 % 251)).ToArray();

    // numpy's rot90 of an n x n image: out[r, c] = in[c, n - 1 - r].
    private static byte[] Rot90(byte[] image, int n)
    {
        var output = new byte[image.Length];
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
                output[r * n + c] = image[c * n + n - 1 - r];
        return output;
    }

    private static double Gray(byte[] chw, int pixels, int p) => 0.299 * chw[p] + 0.587 * chw[pixels + p] + 0.114 * chw[2 * pixels + p];

    private static float[] Floats(JsonElement e) => e.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
}
