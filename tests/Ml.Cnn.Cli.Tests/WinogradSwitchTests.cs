using System.Text.Json;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Cli.Tests;

/// <summary>
/// MLCNN_WINOGRAD (native/src/fused_winograd.cpp, winograd_conv.cpp): by default (or 1) the ResNet's 3x3 stride-1
/// convolutions (16 into 16, 32 into 32, 64 into 64 channels) train as the shim's fused Winograd convolution where this
/// CPU has AVX-512, 0 keeps libtorch's direct convolutions (no Winograd of either kind), and any other value fails the
/// training naming the variable. Read once per process, so each case is an mlcnn process of its own; the
/// step profile (MLCNN_PROFILE) shows which convolution ran.
/// </summary>
public sealed class WinogradSwitchTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (int Code, string Errors, bool Fused, bool OneDnn) Train(string? setting)
    {
        var data = FashionMnistSlice.Write(_temp, 96, 32);
        var folder = Directory.CreateDirectory(_temp.File("traces")).FullName;
        var environment = new Dictionary<string, string> { ["MLCNN_PROFILE"] = Path.Combine(folder, "step_") + ":2:1" };
        if (setting != null) environment["MLCNN_WINOGRAD"] = setting;
        using var run = CliProcess.Start(environment,
            "train", "--data", data, "--model", _temp.File("m.zip"), "--arch", "resnet", "--epochs", "1", "--batch-size", "32",
            "--device", "cpu", "--threads", "1", "--precision", "fp32");
        Assert.True(run.Process.WaitForExit(120_000), "mlcnn train did not finish in 2 minutes");
        run.Process.WaitForExit();
        var trace = Path.Combine(folder, "step_2.json");
        var names = File.Exists(trace)
            ? JsonDocument.Parse(File.ReadAllText(trace)).RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToHashSet()
            : [];
        return (run.Process.ExitCode, run.Errors.ToString(), names.Contains("mlcnn::fused_winograd"), names.Contains("mlcnn::winograd_conv"));
    }

    // The fused Winograd convolution runs the kernels' x86-64-v4 table (AVX-512 F, BW, VL, DQ).
    private static bool CpuHasAvx512() =>
        File.ReadAllText("/proc/cpuinfo").Split('\n').FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) is { } flags &&
        new[] { "avx512f", "avx512bw", "avx512vl", "avx512dq" }.All(f => flags.Split(' ', ':', '\t').Contains(f));

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    public void By_default_and_with_1_the_stride_1_convolutions_run_as_fused_Winograd_where_the_CPU_has_AVX512(string? setting)
    {
        var (code, errors, fused, _) = Train(setting);

        Assert.True(code == 0, errors);
        Assert.Equal(CpuHasAvx512(), fused);
    }

    [Fact]
    public void With_0_every_convolution_stays_direct()
    {
        var (code, errors, fused, oneDnn) = Train("0");

        Assert.True(code == 0, errors);
        Assert.False(fused);
        Assert.False(oneDnn);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("")]
    public void Another_value_fails_the_training_naming_the_variable(string setting)
    {
        var (code, errors, _, _) = Train(setting);

        Assert.Equal(1, code);
        Assert.Contains($"MLCNN_WINOGRAD must be 0 (libtorch's direct convolutions) or 1 (Winograd, the default), got '{setting}'", errors);
    }
}
