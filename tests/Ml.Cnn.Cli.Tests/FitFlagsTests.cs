using System.Text.Json;
using System.Xml.Linq;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Cli.Tests;

/// <summary>The optimizer, schedule, early-stopping, checkpoint and report flags of `mlcnn train`.</summary>
public sealed class FitFlagsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Reports_history_curves_and_checkpoints_are_written()
    {
        var data = FashionMnistSlice.Write(_temp, 300, 100);
        var (code, output, err) = FashionMnistSlice.Run("train", "--data", data, "--model", _temp.File("m.mlcnn"), "--arch", "simple",
            "--epochs", "3", "--batch-size", "50", "--device", "cpu", "--optimizer", "sgd", "--momentum", "0.9", "--nesterov",
            "--learning-rate", "0.05", "--schedule", "cosine", "--warmup-epochs", "1", "--weight-decay", "1e-4", "--l1", "1e-6",
            "--clip-norm", "5", "--validation-fraction", "0.2", "--early-stopping", "3", "--checkpoint-dir", _temp.File("ckpt"),
            "--report", _temp.File("report.html"), "--history", _temp.File("history.csv"), "--curves", _temp.File("curves.svg"), "--json");
        Assert.True(code == 0, err);
        var result = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.True(result.GetProperty("MicroAccuracy").GetDouble() > 0.3);

        var csv = File.ReadAllLines(_temp.File("history.csv"));
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("epoch,train_loss", csv[0]);
        XDocument.Parse(File.ReadAllText(_temp.File("curves.svg")));
        var html = File.ReadAllText(_temp.File("report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<svg", html);
        Assert.Contains("id=\"confusion\"", html);
        Assert.Contains("--nesterov", html);
        Assert.Contains($"<span class=\"mono\">{result.GetProperty("Precision").GetString()}</span>", html);
        Assert.True(File.Exists(Path.Combine(_temp.File("ckpt"), "latest.ckpt")));
        Assert.True(File.Exists(Path.Combine(_temp.File("ckpt"), "best.ckpt")));
    }

    [Theory]
    [InlineData("adamw", "onecycle")]
    [InlineData("adagrad", "step")]
    [InlineData("rmsprop", "plateau")]
    [InlineData("adam", "exponential")]
    [InlineData("sgd", "polynomial")]
    public void Every_optimizer_and_schedule_runs_from_the_command_line(string optimizer, string schedule)
    {
        var data = FashionMnistSlice.Write(_temp, 200, 50);
        var (code, _, err) = FashionMnistSlice.Run("train", "--data", data, "--model", _temp.File("m.mlcnn"), "--arch", "simple",
            "--epochs", "2", "--batch-size", "50", "--device", "cpu", "--optimizer", optimizer, "--schedule", schedule, "--step-size", "1");
        Assert.True(code == 0, err);
        Assert.Contains("epoch 2/2", err);
    }

    [Fact]
    public void Bfloat16_precision_trains_on_cpu()
    {
        var data = FashionMnistSlice.Write(_temp, 200, 50);
        var (code, output, err) = FashionMnistSlice.Run("train", "--data", data, "--model", _temp.File("m.mlcnn"), "--arch", "simple",
            "--epochs", "2", "--batch-size", "50", "--device", "cpu", "--precision", "bf16", "--json");
        Assert.True(code == 0, err);
        var result = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.True(result.GetProperty("MicroAccuracy").GetDouble() > 0.3);
        Assert.Equal("bf16", result.GetProperty("Precision").GetString());
    }

    public static TheoryData<string[], string, int> BadFlags => new()
    {
        { ["--optimizer", "adam", "--nesterov"], "--nesterov needs the SGD optimizer", 2 },
        { ["--optimizer", "sgd", "--momentum", "0", "--nesterov"], "--nesterov", 2 },
        { ["--learning-rate", "-0.1"], "--learning-rate must be greater than 0", 2 },
        { ["--schedule", "multistep"], "--milestones", 2 },
        { ["--schedule", "warm"], "--schedule", 2 },
        { ["--resume"], "--resume needs --checkpoint-dir", 2 },
        { ["--early-stopping", "2"], "no validation data", 1 },
        { ["--schedule", "cosine", "--warmup-epochs", "5"], "warms up", 1 },
        { ["--clip-norm", "-1"], "--clip-norm must be >= 0", 2 },
        { ["--precision", "fp16"], "Float16 needs a CUDA device", 2 },
        { ["--precision", "half"], "--precision must be auto, fp32, bf16 or fp16", 2 },
    };

    [Theory]
    [MemberData(nameof(BadFlags))]
    public void Invalid_combinations_exit_with_one_line_naming_the_flag(string[] flags, string mention, int expectedCode)
    {
        var data = FashionMnistSlice.Write(_temp, 50, 20);
        var (code, _, err) = FashionMnistSlice.Run(["train", "--data", data, "--model", _temp.File("m.mlcnn"), "--epochs", "2", "--device", "cpu", .. flags]);
        Assert.True(code == expectedCode, err);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("mlcnn: error")).ToArray();
        Assert.Single(lines);
        Assert.Contains(mention, lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Option ", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void An_unwritable_checkpoint_folder_is_refused_before_training()
    {
        var data = FashionMnistSlice.Write(_temp, 50, 20);
        File.WriteAllText(_temp.File("file"), "x");
        var (code, _, err) = FashionMnistSlice.Run("train", "--data", data, "--model", _temp.File("m.mlcnn"), "--epochs", "1", "--device", "cpu",
            "--checkpoint-dir", Path.Combine(_temp.File("file"), "ckpt"));
        Assert.Equal(1, code);
        Assert.Contains("cannot be written", err);
        Assert.DoesNotContain("epoch 1/1", err);
    }
}
