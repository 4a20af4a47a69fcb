using System.Text.Json;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli.Tests;

/// <summary>`mlcnn train` on image folders and tables, with augmentation, class weights, sampling and a preview.</summary>
public sealed class ImageDataCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Writes Fashion-MNIST rows as PNG files under root/CLASS/i.png; returns the paths and labels.</summary>
    private List<(string Path, string Label)> WriteTree(string root, string split, int count, int skip = 0)
    {
        var source = RepoPaths.FashionMnist;
        var (shape, pixels) = IdxReader.ReadImages(IdxReader.FindFile(source, $"{split}-images-idx3-ubyte"));
        var labels = IdxReader.ReadLabels(IdxReader.FindFile(source, $"{split}-labels-idx1-ubyte"));
        var files = new List<(string, string)>();
        for (var i = skip; i < skip + count; i++)
        {
            var label = labels[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
            var folder = Directory.CreateDirectory(Path.Combine(root, label)).FullName;
            var path = Path.Combine(folder, $"{i}.png");
            ImageCodec.WritePng(path, pixels.AsSpan(i * shape.Size, shape.Size), shape);
            files.Add((path, label));
        }
        return files;
    }

    private static JsonElement LastJson(string output) => JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]).RootElement;

    [Fact]
    public void A_folder_with_train_and_test_trees_trains_with_augmentation_weights_and_a_preview()
    {
        var data = _temp.File("images");
        WriteTree(Path.Combine(data, "train"), "train", 300);
        WriteTree(Path.Combine(data, "test"), "t10k", 60);
        File.WriteAllText(Path.Combine(data, "train", "0", "notes.txt"), "not an image");
        var preview = _temp.File("preview.png");

        // Two epochs: after one epoch (6 steps) of this much augmentation plus mixup, accuracy is noise around 0.2.
        var (code, output, err) = FashionMnistSlice.Run("train", "--data", data, "--model", _temp.File("m.mlcnn"), "--arch", "simple",
            "--epochs", "2", "--batch-size", "50", "--device", "cpu", "--color-mode", "gray", "--rotation", "10", "--shift", "0.1",
            "--zoom", "0.1", "--flip", "horizontal", "--brightness", "0.2", "--erasing", "0.3", "--mixup", "0.2", "--fill-mode", "reflect",
            "--class-weights", "balanced", "--preview", preview, "--json");
        Assert.True(code == 0, err);
        Assert.Contains("image folders", err);
        Assert.Contains("1 non-image file", err);
        Assert.True(LastJson(output).GetProperty("MicroAccuracy").GetDouble() > 0.2);
        Assert.True(LastJson(output).GetProperty("InputImagesPerSecond").GetDouble() > 0);
        var (shape, _) = ImageCodec.Decode(File.ReadAllBytes(preview), 1);
        Assert.Equal(2 * 28 + 2, shape.Height);
        Assert.Equal(8 * 28 + 7 * 2, shape.Width);

        var evaluate = FashionMnistSlice.Run("evaluate", "--model", _temp.File("m.mlcnn"), "--data", data, "--json");
        Assert.True(evaluate.Code == 0, evaluate.Err);
        Assert.Equal(LastJson(output).GetProperty("MicroAccuracy").GetDouble(), LastJson(evaluate.Out).GetProperty("MicroAccuracy").GetDouble());
    }

    [Fact]
    public void One_tree_is_split_and_a_table_of_paths_trains_too()
    {
        var tree = _temp.File("tree");
        var files = WriteTree(tree, "train", 200);
        var single = FashionMnistSlice.Run("train", "--data", tree, "--model", _temp.File("a.mlcnn"), "--arch", "simple", "--epochs", "1",
            "--device", "cpu", "--color-mode", "gray", "--image-size", "24x24", "--balanced-sampler", "--cutmix", "1");
        Assert.True(single.Code == 0, single.Err);
        Assert.Contains("stratified", single.Err);

        var table = _temp.File("images.tsv");
        File.WriteAllLines(table, new[] { "path\tlabel" }.Concat(files.Select(f => $"{Path.GetRelativePath(_temp.Path, f.Path)}\t{f.Label}")));
        var fromTable = FashionMnistSlice.Run("train", "--data", table, "--model", _temp.File("b.mlcnn"), "--arch", "simple", "--epochs", "1",
            "--device", "cpu", "--color-mode", "rgb", "--task", "binary", "--positive", "5,7,9");
        Assert.True(fromTable.Code == 0, fromTable.Err);
        Assert.Contains("table", fromTable.Err);
    }

    [Fact]
    public void A_corrupt_image_names_the_file_unless_skipped_and_counted()
    {
        var tree = _temp.File("tree");
        WriteTree(tree, "train", 60);
        var bad = Path.Combine(tree, "3", "broken.png");
        File.WriteAllBytes(bad, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var failing = FashionMnistSlice.Run("train", "--data", tree, "--model", _temp.File("m.mlcnn"), "--epochs", "1", "--device", "cpu");
        Assert.Equal(1, failing.Code);
        Assert.Contains("broken.png", failing.Err);
        Assert.Single(failing.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var skipping = FashionMnistSlice.Run("train", "--data", tree, "--model", _temp.File("m.mlcnn"), "--arch", "simple", "--epochs", "1",
            "--device", "cpu", "--color-mode", "gray", "--skip-unreadable");
        Assert.True(skipping.Code == 0, skipping.Err);
        Assert.Contains("1 unreadable", skipping.Err);
    }

    [Theory]
    [InlineData("--flip", "sideways", "--flip")]
    [InlineData("--fill-mode", "mirror", "--fill-mode")]
    [InlineData("--class-weights", "heavy", "--class-weights")]
    [InlineData("--image-size", "64", "--image-size")]
    [InlineData("--color-mode", "cmyk", "--color-mode")]
    [InlineData("--zoom", "2", "--zoom")]
    public void Bad_image_flags_are_usage_errors_naming_the_flag(string flag, string value, string mention)
    {
        var tree = _temp.File("tree");
        WriteTree(tree, "train", 20);
        var (code, _, err) = FashionMnistSlice.Run("train", "--data", tree, "--model", _temp.File("m.mlcnn"), "--epochs", "1", "--device", "cpu", flag, value);
        Assert.Equal(2, code);
        Assert.Contains(mention, err);
        Assert.DoesNotContain("Zoom", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("mlcnn: error"));
    }

    [Fact]
    public void An_empty_class_folder_and_a_table_row_with_a_missing_file_are_named()
    {
        var tree = _temp.File("tree");
        WriteTree(tree, "train", 20);
        Directory.CreateDirectory(Path.Combine(tree, "empty-class"));
        var empty = FashionMnistSlice.Run("train", "--data", tree, "--model", _temp.File("m.mlcnn"), "--epochs", "1", "--device", "cpu");
        Assert.Equal(1, empty.Code);
        Assert.Contains("empty-class", empty.Err);

        var table = _temp.File("t.csv");
        File.WriteAllLines(table, ["path,label", "missing.png,3"]);
        var missing = FashionMnistSlice.Run("train", "--data", table, "--model", _temp.File("m.mlcnn"), "--epochs", "1", "--device", "cpu");
        Assert.Equal(1, missing.Code);
        Assert.Contains("missing.png", missing.Err);
        Assert.Contains("row 2", missing.Err);
    }
}
