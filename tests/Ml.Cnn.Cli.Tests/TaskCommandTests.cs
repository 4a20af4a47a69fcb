using System.Globalization;
using System.Text;
using System.Text.Json;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli.Tests;

/// <summary>train / evaluate / predict for the binary, multilabel, regression and embedding tasks.</summary>
public sealed class TaskCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string[], string[]> Tasks => new()
    {
        { ["--task", "binary", "--positive", "5,7,9"], ["Accuracy", "AreaUnderRocCurve", "AreaUnderPrecisionRecallCurve", "F1Score", "PositiveRecall", "NegativePrecision"] },
        { ["--task", "binary", "--positive", "5,7,9", "--loss", "focal", "--focal-gamma", "1"], ["Accuracy"] },
        { ["--task", "multilabel", "--targets", "multilabel-train.tsv", "--test-targets", "multilabel-test.tsv"], ["SubsetAccuracy", "HammingLoss", "PerLabelF1"] },
        { ["--task", "regression", "--targets", "regression-train.csv", "--test-targets", "regression-test.csv", "--loss", "huber", "--delta", "0.5"], ["MeanAbsoluteError", "MeanSquaredError", "RootMeanSquaredError", "RSquared"] },
        { ["--task", "embedding", "--embedding-dimension", "8", "--loss", "triplet", "--margin", "0.3"], ["RecallAt1", "RecallAt5"] },
        { ["--loss", "focal", "--focal-gamma", "2", "--focal-alpha", "0.5", "--reduction", "sum-over-batch"], ["MicroAccuracy"] },
        { ["--loss", "hinge", "--margin", "1"], ["MicroAccuracy"] },
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Every_task_trains_evaluates_and_predicts(string[] taskArgs, string[] metrics)
    {
        var data = FashionMnistSlice.Write(_temp, 300, 100);
        WriteTargets(data);
        var args = taskArgs.Select(a => a.EndsWith(".tsv") || a.EndsWith(".csv") ? Path.Combine(data, a) : a).ToArray();
        var model = _temp.File("m.mlcnn");

        var train = FashionMnistSlice.Run(["train", "--data", data, "--model", model, "--arch", "simple", "--epochs", "1", "--batch-size", "50",
            "--device", "cpu", "--json", .. args]);
        Assert.True(train.Code == 0, train.Err);
        var result = JsonDocument.Parse(train.Out.TrimEnd().Split('\n')[^1]).RootElement;
        foreach (var metric in metrics) Assert.True(result.TryGetProperty(metric, out _), $"{metric} missing in {result}");

        var evaluateArgs = args.Where((a, i) => a is "--positive" or "--test-targets" || (i > 0 && args[i - 1] is "--positive" or "--test-targets")).ToArray();
        var evaluate = FashionMnistSlice.Run(["evaluate", "--model", model, "--data", data, "--json", .. evaluateArgs]);
        Assert.True(evaluate.Code == 0, evaluate.Err);
        var again = JsonDocument.Parse(evaluate.Out.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.Equal(result.GetProperty(metrics[0]).GetRawText(), again.GetProperty(metrics[0]).GetRawText());

        var predict = FashionMnistSlice.Run("predict", "--model", model, "--input", Path.Combine(data, "t10k-images-idx3-ubyte"), "--json");
        Assert.True(predict.Code == 0, predict.Err);
        Assert.Equal(100, JsonDocument.Parse(predict.Out.TrimEnd().Split('\n')[^1]).RootElement.GetProperty("Rows").GetArrayLength());
    }

    [Fact]
    public void Several_regression_targets_report_each_output_and_predict_names_them()
    {
        var data = FashionMnistSlice.Write(_temp, 300, 100);
        foreach (var split in new[] { "train", "t10k" })
        {
            var (shape, pixels) = IdxReader.ReadImages(Path.Combine(data, $"{split}-images-idx3-ubyte"));
            var rows = Enumerable.Range(0, pixels.Length / shape.Size).Select(i =>
            {
                var image = pixels.AsSpan(i * shape.Size, shape.Size).ToArray();
                var top = image[..(shape.Size / 2)].Average(p => p / 255.0);
                var bottom = image[(shape.Size / 2)..].Average(p => p / 255.0);
                return FormattableString.Invariant($"{top:F5},{bottom:F5}");
            });
            File.WriteAllLines(Path.Combine(data, $"{split}.csv"), rows.Prepend("top,bottom"));
        }
        var model = _temp.File("m.mlcnn");

        var train = FashionMnistSlice.Run("train", "--data", data, "--model", model, "--arch", "simple", "--epochs", "1", "--batch-size", "50",
            "--device", "cpu", "--task", "regression", "--targets", Path.Combine(data, "train.csv"), "--test-targets", Path.Combine(data, "t10k.csv"), "--json");
        var predict = FashionMnistSlice.Run("predict", "--model", model, "--input", Path.Combine(data, "t10k-images-idx3-ubyte"), "--json");

        Assert.True(train.Code == 0, train.Err);
        var perOutput = JsonDocument.Parse(train.Out.TrimEnd().Split('\n')[^1]).RootElement.GetProperty("PerOutputRSquared");
        Assert.Equal(2, perOutput.GetArrayLength());
        Assert.True(predict.Code == 0, predict.Err);
        Assert.StartsWith("Index\ttop\tbottom", predict.Out);
        var json = JsonDocument.Parse(predict.Out.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.Equal(["top", "bottom"], json.GetProperty("ScoreNames").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, json.GetProperty("Scores")[0].GetArrayLength());
    }

    [Theory]
    [InlineData("a\tb\n1\t2\n3\n", "row 3: 1 values but the header names 2")]
    [InlineData("a\tb\n1\tx\n", "row 2, column 'b': 'x' is not a finite number")]
    [InlineData("a\tb\n1\t2\n", "1 data rows but the images file holds 300")]
    [InlineData("", "is empty")]
    public void A_bad_targets_file_names_the_file_and_row(string content, string message)
    {
        var data = FashionMnistSlice.Write(_temp, 300, 100);
        var targets = Path.Combine(data, "bad.tsv");
        File.WriteAllText(targets, content);
        var (code, _, err) = FashionMnistSlice.Run("train", "--data", data, "--model", _temp.File("m.mlcnn"), "--task", "regression",
            "--targets", targets, "--test-targets", targets);
        Assert.Equal(1, code);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("bad.tsv", err);
        Assert.Contains(message, err);
    }

    [Fact]
    public void Binary_without_positive_and_unknown_positive_labels_are_refused()
    {
        var data = FashionMnistSlice.Write(_temp, 50, 20);
        var missing = FashionMnistSlice.Run("train", "--data", data, "--model", _temp.File("m.mlcnn"), "--task", "binary");
        Assert.Equal(2, missing.Code);
        Assert.Contains("--positive", missing.Err);
        var unknown = FashionMnistSlice.Run("train", "--data", data, "--model", _temp.File("m.mlcnn"), "--task", "binary", "--positive", "42");
        Assert.Equal(2, unknown.Code);
        Assert.Contains("42", unknown.Err);
    }

    /// <summary>Multilabel targets {footwear, upper-body} as TSV and regression targets {brightness} as CSV, per split.</summary>
    private static void WriteTargets(string data)
    {
        foreach (var (split, name) in new[] { ("train", "train"), ("t10k", "test") })
        {
            var labels = IdxReader.ReadLabels(Path.Combine(data, $"{split}-labels-idx1-ubyte"));
            var (shape, pixels) = IdxReader.ReadImages(Path.Combine(data, $"{split}-images-idx3-ubyte"));
            var multilabel = new StringBuilder("footwear\tupper-body\n");
            var regression = new StringBuilder("brightness\n");
            for (var i = 0; i < labels.Length; i++)
            {
                multilabel.Append(labels[i] is 5 or 7 or 9 ? '1' : '0').Append('\t').Append(labels[i] is 0 or 2 or 4 or 6 ? '1' : '0').Append('\n');
                var mean = pixels.AsSpan(i * shape.Size, shape.Size).ToArray().Average(p => p / 255.0);
                regression.Append(mean.ToString("F5", CultureInfo.InvariantCulture)).Append('\n');
            }
            File.WriteAllText(Path.Combine(data, $"multilabel-{name}.tsv"), multilabel.ToString());
            File.WriteAllText(Path.Combine(data, $"regression-{name}.csv"), regression.ToString());
        }
    }
}
