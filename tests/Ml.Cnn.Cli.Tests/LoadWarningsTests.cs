using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli.Tests;

/// <summary>What the loaders report reaches stderr: IDX label warnings, table warnings, links not followed, skipped files.</summary>
public sealed class LoadWarningsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static (int Code, string Out, string Err) Train(string data, params string[] extra) =>
        FashionMnistSlice.Run(["train", "--data", data, "--arch", "simple", "--epochs", "1", "--batch-size", "30", "--device", "cpu", .. extra]);

    /// <summary>Fashion-MNIST rows as PNG files under root/CLASS/i.png.</summary>
    private static List<string> WriteTree(string root, int count)
    {
        var source = RepoPaths.FashionMnist;
        var (shape, pixels) = IdxReader.ReadImages(IdxReader.FindFile(source, "train-images-idx3-ubyte"));
        var labels = IdxReader.ReadLabels(IdxReader.FindFile(source, "train-labels-idx1-ubyte"));
        var files = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, labels[i] % 2 == 0 ? "even" : "odd")).FullName;
            files.Add(Path.Combine(folder, $"{i}.png"));
            ImageCodec.WritePng(files[^1], pixels.AsSpan(i * shape.Size, shape.Size), shape);
        }
        return files;
    }

    [Fact]
    public void Idx_labels_far_from_the_others_are_warned_about_with_the_class_count()
    {
        var data = FashionMnistSlice.Write(_temp, 60, 20);
        var labels = File.ReadAllBytes(Path.Combine(data, "train-labels-idx1-ubyte"));
        labels[^1] = 200;
        File.WriteAllBytes(Path.Combine(data, "train-labels-idx1-ubyte"), labels);

        var (code, _, err) = Train(data, "--model", _temp.File("m.mlcnn"));

        Assert.True(code == 0, err);
        var warning = Assert.Single(err.Split('\n'), l => l.StartsWith("mlcnn: warning:", StringComparison.Ordinal));
        Assert.Contains("200 (1 rows) lie far from the others", warning);
        Assert.Contains("the model gets 11 classes", warning);
    }

    [Fact]
    public void Skip_unreadable_skips_a_file_whose_pixels_are_damaged_and_reports_it()
    {
        var data = _temp.File("tree");
        var files = WriteTree(data, 80);
        var bytes = File.ReadAllBytes(files[3]);
        bytes[bytes.AsSpan().IndexOf("IDAT"u8) + 20] ^= 0x10;
        File.WriteAllBytes(files[3], bytes);

        var strict = Train(data, "--model", _temp.File("m.mlcnn"), "--color-mode", "gray");
        var skipping = Train(data, "--model", _temp.File("m.mlcnn"), "--color-mode", "gray", "--skip-unreadable");

        Assert.Equal(1, strict.Code);
        Assert.Contains(files[3], strict.Err);
        Assert.True(skipping.Code == 0, skipping.Err);
        Assert.Contains("79 images, 2 classes; 0 non-image files ignored; 1 unreadable skipped", skipping.Err);
        Assert.Contains($"--skip-unreadable: 1 files skipped at load: class folder", skipping.Err.Split('\n')[^2]);
        Assert.Contains(files[3], skipping.Err.Split('\n')[^2]);
    }

    [Fact]
    public void A_table_listing_a_file_twice_with_two_labels_is_warned_about()
    {
        var files = WriteTree(_temp.File("tree"), 60);
        var rows = files.Select((f, i) => $"{f},{(i % 2 == 0 ? "a" : "b")}").Append($"{files[0]},b");
        File.WriteAllLines(_temp.File("list.csv"), rows.Prepend("path,label"));

        var (code, _, err) = Train(_temp.File("list.csv"), "--model", _temp.File("m.mlcnn"), "--color-mode", "gray");

        Assert.True(code == 0, err);
        Assert.Contains($"mlcnn: warning: Image table '{_temp.File("list.csv")}' row 62 lists '{files[0]}' with label 'b' but row 2 lists it with label 'a'", err);
    }

    [Fact]
    public void A_link_loop_in_a_class_folder_is_not_followed_and_counted()
    {
        var data = _temp.File("tree");
        WriteTree(data, 60);
        Directory.CreateSymbolicLink(Path.Combine(data, "odd", "loop"), "..");

        var (code, _, err) = Train(data, "--model", _temp.File("m.mlcnn"), "--color-mode", "gray");

        Assert.True(code == 0, err);
        Assert.Contains("60 images, 2 classes", err);
        Assert.Contains("1 symbolic links not followed", err);
    }
}
