using System.Text.Json;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Cli.Tests;

/// <summary>
/// MLCNN_WINOGRAD (native/src/winograd_conv.cpp, winograd16.cpp): by default (or 1) the ResNet's 3x3 convolutions of
/// 32+ channels train as oneDNN's Winograd convolution and those of 16 channels as the shim's own where this CPU has
/// AVX-512, 0 keeps libtorch's direct convolutions for both, and any other value fails the training naming the variable. Read once per process, so each case is an mlcnn process of its own; the
/// step profile (MLCNN_PROFILE) shows which convolution ran.
/// </summary>
public sealed class WinogradSwitchTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (int Code, string Errors, bool Winograd, bool Winograd16) Train(string? setting)
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
        return (run.Process.ExitCode, run.Errors.ToString(), names.Contains("mlcnn::winograd_conv"), names.Contains("mlcnn::winograd16"));
    }

    // oneDNN 2.6's Winograd convolution needs AVX-512 (avx512_core: F, BW, VL, DQ); so do the shim's 16-channel kernels
    // (their x86-64-v4 table).
    private static bool CpuHasWinograd() =>
        File.ReadAllText("/proc/cpuinfo").Split('\n').FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) is { } flags &&
        new[] { "avx512f", "avx512bw", "avx512vl", "avx512dq" }.All(f => flags.Split(' ', ':', '\t').Contains(f));

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    public void By_default_and_with_1_the_16_and_32_channel_convolutions_run_as_Winograd_where_the_CPU_has_it(string? setting)
    {
        var (code, errors, winograd, winograd16) = Train(setting);

        Assert.True(code == 0, errors);
        Assert.Equal(CpuHasWinograd(), winograd);
        Assert.Equal(CpuHasWinograd(), winograd16);
    }

    [Fact]
    public void With_0_every_convolution_stays_direct()
    {
        var (code, errors, winograd, winograd16) = Train("0");

        Assert.True(code == 0, errors);
        Assert.False(winograd);
        Assert.False(winograd16);
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
