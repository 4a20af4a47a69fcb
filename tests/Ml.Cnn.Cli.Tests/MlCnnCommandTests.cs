using System.Text.Json;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli.Tests;

public sealed class MlCnnCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = MlCnnCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes the first rows of Fashion-MNIST's train and t10k splits as IDX files into a new folder.</summary>
    private string SliceOfFashionMnist(int train, int test)
    {
        var source = RepoPaths.FashionMnist;
        var target = Directory.CreateDirectory(_temp.File("data")).FullName;
        foreach (var (split, count) in new[] { ("train", train), ("t10k", test) })
        {
            var (shape, pixels) = IdxReader.ReadImages(IdxDataset.FindFile(source, $"{split}-images-idx3-ubyte"));
            var labels = IdxReader.ReadLabels(IdxDataset.FindFile(source, $"{split}-labels-idx1-ubyte"));
            IdxFiles.WriteImages(Path.Combine(target, $"{split}-images-idx3-ubyte"), count, shape.Height, shape.Width, pixels[..(count * shape.Size)]);
            IdxFiles.WriteLabels(Path.Combine(target, $"{split}-labels-idx1-ubyte"), labels[..count]);
        }
        return target;
    }

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
        foreach (var name in new[] { "MacroAccuracy", "LogLoss" }) Assert.True(result.TryGetProperty(name, out _), name);
        Assert.Contains("epoch 2/2", train.Err);
        Assert.DoesNotContain("epoch", train.Out);

        var evaluate = Run("evaluate", "--model", model, "--data", data, "--json");
        Assert.True(evaluate.Code == 0, evaluate.Err);
        var again = JsonDocument.Parse(evaluate.Out.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.Equal(result.GetProperty("MicroAccuracy").GetDouble(), again.GetProperty("MicroAccuracy").GetDouble());

        var predict = Run("predict", "--model", model, "--input", Path.Combine(data, "t10k-images-idx3-ubyte"), "--json");
        Assert.True(predict.Code == 0, predict.Err);
        var predictions = JsonDocument.Parse(predict.Out.TrimEnd().Split('\n')[^1]).RootElement.GetProperty("Predictions");
        Assert.Equal(200, predictions.GetArrayLength());
        Assert.Equal(10, predictions[0].GetProperty("Score").GetArrayLength());
    }

    public static TheoryData<string[], string> BadInput => new()
    {
        { ["train", "--data", "/no/such/folder", "--model", "/tmp/x.mlcnn"], "/no/such/folder" },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--optimizer", "rmsprop"], "--optimizer" },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--arch", "vgg"], "vgg" },
        { ["train", "--data", ".", "--model", "/tmp/x.mlcnn", "--epochs", "0"], "Epochs" },
        { ["evaluate", "--model", "/no/such.mlcnn", "--data", "."], "/no/such.mlcnn" },
        { ["predict", "--model", "/no/such.mlcnn", "--input", "x"], "not found" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_exits_non_zero_with_one_line_and_no_stack_trace(string[] args, string mention)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(1, code);
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(mention, lines[0]);
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
