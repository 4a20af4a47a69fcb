using System.Text.Json;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Cli.Tests;

/// <summary>
/// MLCNN_PROFILE=PREFIX[:FIRST[:COUNT]] (native/src/profile.cpp, bench/profile/run.sh): a training process records steps
/// FIRST .. FIRST + COUNT - 1 as Chrome traces, and refuses a malformed value naming the variable. Read once per process,
/// so each case is an mlcnn process of its own.
/// </summary>
public sealed class StepProfileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (int Code, string Errors) Train(string profile)
    {
        var data = FashionMnistSlice.Write(_temp, 160, 32);
        using var run = CliProcess.Start(new Dictionary<string, string> { ["MLCNN_PROFILE"] = profile },
            "train", "--data", data, "--model", _temp.File("m.zip"), "--arch", "basic", "--epochs", "1", "--batch-size", "32",
            "--device", "cpu", "--threads", "1");
        Assert.True(run.Process.WaitForExit(120_000), "mlcnn train did not finish in 2 minutes");
        run.Process.WaitForExit();
        return (run.Process.ExitCode, run.Errors.ToString());
    }

    [Fact]
    public void The_asked_steps_are_written_as_traces_naming_the_operators_and_the_fused_first_layer()
    {
        var folder = Directory.CreateDirectory(_temp.File("traces")).FullName;
        var (code, errors) = Train(Path.Combine(folder, "step_") + ":2:3");

        Assert.True(code == 0, errors);
        Assert.Equal(new[] { "step_2.json", "step_3.json", "step_4.json" }, Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order().ToArray());
        foreach (var file in Directory.GetFiles(folder))
        {
            var names = JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateArray()
                .Select(e => e.GetProperty("name").GetString()).ToHashSet();
            Assert.Contains("mlcnn::conv_pool", names);
            Assert.Contains("aten::convolution_backward", names);
            Assert.Contains(names, n => n!.Contains("ConvPoolFunction"));
        }
    }

    [Theory]
    [InlineData(":0", "MLCNN_PROFILE: FIRST must be a positive whole number, got '0'")]
    [InlineData(":5:x", "MLCNN_PROFILE: COUNT must be a positive whole number, got 'x'")]
    public void A_malformed_value_fails_the_training_naming_the_variable(string suffix, string expected)
    {
        var (code, errors) = Train(_temp.File("s_") + suffix);

        Assert.Equal(1, code);
        Assert.Contains(expected, errors);
    }
}
