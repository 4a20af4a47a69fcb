using System.Text.Json;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Cli.Tests;

/// <summary>
/// MLCNN_WINOGRAD (native/src/winograd_conv.cpp): by default (or 1) the ResNet's 3x3 convolutions of 32+ channels train
/// as oneDNN's Winograd convolution where this CPU has it (AVX-512), 0 keeps libtorch's direct convolutions, and any other
/// value fails the training naming the variable. Read once per process, so each case is an mlcnn process of its own; the
/// step profile (MLCNN_PROFILE) shows which convolution ran.
/// </summary>
public sealed class WinogradSwitchTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (int Code, string Errors, bool Winograd) Train(string? setting)
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
        var winograd = File.Exists(trace) && JsonDocument.Parse(File.ReadAllText(trace)).RootElement.EnumerateArray()
            .Any(e => e.GetProperty("name").GetString() == "mlcnn::winograd_conv");
        return (run.Process.ExitCode, run.Errors.ToString(), winograd);
    }

    // oneDNN 2.6's Winograd convolution needs AVX-512 (avx512_core: F, BW, VL, DQ).
    private static bool CpuHasWinograd() =>
        File.ReadAllText("/proc/cpuinfo").Split('\n').FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) is { } flags &&
        new[] { "avx512f", "avx512bw", "avx512vl", "avx512dq" }.All(f => flags.Split(' ', ':', '\t').Contains(f));

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    public void By_default_and_with_1_the_32_channel_convolutions_run_as_Winograd_where_the_CPU_has_it(string? setting)
    {
        var (code, errors, winograd) = Train(setting);

        Assert.True(code == 0, errors);
        Assert.Equal(CpuHasWinograd(), winograd);
    }

    [Fact]
    public void With_0_every_convolution_stays_direct()
    {
        var (code, errors, winograd) = Train("0");

        Assert.True(code == 0, errors);
        Assert.False(winograd);
    }

    [Theory]
    [InlineData("off")]
    [InlineData("")]
    public void Another_value_fails_the_training_naming_the_variable(string setting)
    {
        var (code, errors, _) = Train(setting);

        Assert.Equal(1, code);
        Assert.Contains($"MLCNN_WINOGRAD must be 0 (libtorch's direct convolutions) or 1 (Winograd, the default), got '{setting}'", errors);
    }
}
