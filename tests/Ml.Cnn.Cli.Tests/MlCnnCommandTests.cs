using System.Text.Json;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli.Tests;

public sealed class MlCnnCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args) => FashionMnistSlice.Run(args);

    private string SliceOfFashionMnist(int train, int test) => FashionMnistSlice.Write(_temp, train, test);

    [Fact]
    public void Train_evaluate_and_predict_follow_the_contract()
    {
        var data = SliceOfFashionMnist(1000, 200);
        var model = _temp.File("m.mlcnn");

        var train = Run("train", "--data", data, "--model", model, "--arch", "simple", "--epochs", "2", "--batch-size", "50",
            "--seed", "3", "--device", "cpu", "--json");
        Assert.True(train.Code == 0, train.Err);
        var result = JsonDocument.Parse(train.Out.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.InRange(result.GetProperty("MicroAccuracy").GetDouble(), 0.5, 1.0);
        Assert.Equal(10, result.GetProperty("PerClassRecall").GetArrayLength());
        Assert.True(result.GetProperty("ImagesPerSecond").GetDouble() > 0);
        Assert.True(result.GetProperty("TrainSeconds").GetDouble() > 0);
        // No --precision: bf16 where this CPU has AVX-512 BF16, else fp32.
        Assert.Equal(Torch.CpuHasBFloat16 ? "bf16" : "fp32", result.GetProperty("Precision").GetString());
        foreach (var name in new[] { "MacroAccuracy", "LogLoss" }) Assert.True(result.TryGetProperty(name, out _), name);
        Assert.Contains("epoch 2/2", train.Err);
        Assert.DoesNotContain("epoch", train.Out);

        var evaluate = Run("evaluate", "--model", model, "--data", data, "--json");
        Assert.True(evaluate.Code == 0, evaluate.Err);
        var again = JsonDocument.Parse(evaluate.Out.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.Equal(result.GetProperty("MicroAccuracy").GetDouble(), again.GetProperty("MicroAccuracy").GetDouble());

        var predict = Run("predict", "--model", model, "--input", Path.Combine(data, "t10k-images-idx3-ubyte"), "--json");
        Assert.True(predict.Code == 0, predict.Err);
        var predictions = JsonDocument.Parse(predict.Out.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.Equal("multiclass", predictions.GetProperty("Task").GetString());
        Assert.Equal(200, predictions.GetProperty("Rows").GetArrayLength());
        Assert.Equal(10, predictions.GetProperty("Scores")[0].GetArrayLength());
        Assert.Equal(10, predictions.GetProperty("ScoreNames").GetArrayLength());
    }

    public static TheoryData<string[], string, int> BadInput => new()
    {
        { ["train", "--data", "/no/such/folder", "--model", "/tmp/x.mlcnn"], "/no/such/folder", 1 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--optimizer", "lion"], "--optimizer", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--arch", "vgg"], "vgg", 1 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--epochs", "0"], "--epochs must be between 1 and 100000 (got 0)", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--epochs", "1000000"], "--epochs must be between 1 and 100000", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--learning-rate", "1e38"], "--learning-rate must be greater than 0 and at most 10 (got 1E+38)", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--batch-size", "0"], "--batch-size must be between 1", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--validation-fraction", "1"], "--validation-fraction must lie in [0, 1) (got 1)", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--test-fraction", "0"], "--test-fraction must lie in (0, 1) (got 0)", 2 },
        { ["evaluate", "--model", "/no/such.mlcnn", "--data", "."], "/no/such.mlcnn", 1 },
        { ["predict", "--model", "/no/such.mlcnn", "--input", "x"], "not found", 1 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--loss", "mse"], "--loss MeanSquaredError does not fit the multiclass task", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--task", "binary", "--loss", "ce"], "--loss CrossEntropy does not fit the binary task", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--loss", "focal", "--focal-gamma", "-1"], "--focal-gamma", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--loss", "ce", "--label-smoothing", "1"], "--label-smoothing", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--loss", "hinge", "--margin", "0"], "--margin", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--loss", "bce", "--task", "multilabel", "--pos-weight", "-2"], "--pos-weight", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--loss", "cross"], "--loss must be", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--reduction", "avg"], "--reduction", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--task", "ranking"], "--task", 2 },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--task", "regression"], "needs --targets", 2 },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_exits_with_one_line_naming_the_flag_and_no_stack_trace(string[] args, string mention, int expectedCode)
    {
        var (code, _, err) = Run(args);
        Assert.True(code == expectedCode, err);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(mention, lines[0]);
        Assert.DoesNotContain("Option ", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void A_usage_error_is_one_line_with_exit_code_2()
    {
        var (code, _, err) = Run("train", "--epochs", "many");
        Assert.Equal(2, code);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_corrupt_data_file_names_the_file()
    {
        var data = SliceOfFashionMnist(100, 20);
        File.WriteAllBytes(Path.Combine(data, "t10k-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0, 20, 1, 2]);
        var (code, _, err) = Run("train", "--data", data, "--model", _temp.File("m.mlcnn"), "--arch", "simple", "--epochs", "1");
        Assert.Equal(1, code);
        Assert.Contains("t10k-labels-idx1-ubyte", err);
        Assert.Contains("truncated", err);
    }
}
