using System.Runtime.Versioning;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Cli.Tests;

/// <summary>
/// Every output of `mlcnn train` is checked before training (folders, device nodes, write-protected files, missing
/// folders), --force replaces write-protected files, a symbolic link's target is written, a failing final save falls
/// back to another path, and --resume on an empty folder says so.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class OutputFilesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (int Code, string Out, string Err) Train(params string[] extra)
    {
        var data = Directory.Exists(_temp.File("data")) ? _temp.File("data") : FashionMnistSlice.Write(_temp, 60, 20);
        return FashionMnistSlice.Run(["train", "--data", data, "--arch", "simple", "--epochs", "1", "--batch-size", "30", "--device", "cpu", .. extra]);
    }

    public static TheoryData<string, string> Unwritable => new()
    {
        { "model-is-a-folder", "a folder has that name" },
        { "model-is-a-device", "device node, FIFO or socket" },
        { "model-in-a-missing-folder", "does not exist" },
        { "report-is-a-folder", "a folder has that name" },
        { "history-in-a-missing-folder", "does not exist" },
        { "curves-is-write-protected", "write-protected" },
    };

    [Theory]
    [MemberData(nameof(Unwritable))]
    public void An_unwritable_output_is_refused_before_training(string situation, string reason)
    {
        Directory.CreateDirectory(_temp.File("folder"));
        File.WriteAllText(_temp.File("protected.svg"), "<svg/>");
        File.SetUnixFileMode(_temp.File("protected.svg"), UnixFileMode.UserRead);
        string[] flags = situation switch
        {
            "model-is-a-folder" => ["--model", _temp.File("folder")],
            "model-is-a-device" => ["--model", "/dev/null"],
            "model-in-a-missing-folder" => ["--model", _temp.File("no/m.mlcnn")],
            "report-is-a-folder" => ["--model", _temp.File("m.mlcnn"), "--report", _temp.File("folder")],
            "history-in-a-missing-folder" => ["--model", _temp.File("m.mlcnn"), "--history", _temp.File("no/h.csv")],
            _ => ["--model", _temp.File("m.mlcnn"), "--curves", _temp.File("protected.svg")],
        };

        var (code, _, err) = Train(flags);

        Assert.Equal(1, code);
        Assert.Contains(reason, err);
        Assert.DoesNotContain("epoch 1/1", err);
        Assert.False(File.Exists(_temp.File("m.mlcnn")));
        Assert.Equal(FileKind.Other, PathStatus.Of("/dev/null").Kind);
    }

    [Fact]
    public void A_best_model_checkpoint_path_that_is_a_folder_is_refused_before_training()
    {
        Directory.CreateDirectory(Path.Combine(_temp.File("ckpt"), "best.ckpt"));

        var (code, _, err) = Train("--model", _temp.File("m.mlcnn"), "--checkpoint-dir", _temp.File("ckpt"));

        Assert.Equal(1, code);
        Assert.Contains("best.ckpt", err);
        Assert.Contains("a folder has that name", err);
        Assert.DoesNotContain("epoch 1/1", err);
    }

    [Fact]
    public void Force_replaces_a_write_protected_model_and_a_link_writes_its_target()
    {
        var model = _temp.File("m.mlcnn");
        File.WriteAllText(model, "old");
        File.SetUnixFileMode(model, UnixFileMode.UserRead);
        File.CreateSymbolicLink(_temp.File("link.mlcnn"), model);

        var refused = Train("--model", _temp.File("link.mlcnn"));
        var forced = Train("--model", _temp.File("link.mlcnn"), "--force");

        Assert.Equal(1, refused.Code);
        Assert.Contains("write-protected", refused.Err);
        Assert.True(forced.Code == 0, forced.Err);
        Assert.NotEqual("old", File.ReadAllText(model));
        Assert.Equal(FileKind.SymbolicLink, PathStatus.OfLink(_temp.File("link.mlcnn")).Kind);
    }

    [Fact]
    public void A_model_that_cannot_be_saved_at_the_end_goes_to_a_fallback_path_named_on_stderr()
    {
        var stderr = new StringWriter();
        var saved = new List<string>();
        var files = new OutputFiles(force: false);

        var atPath = files.SaveModel(path =>
        {
            if (path == "/wanted/m.mlcnn") throw new IOException("Cannot save the model to '/wanted/m.mlcnn': no space left on device");
            saved.Add(path);
        }, "/wanted/m.mlcnn", stderr);

        Assert.False(atPath);
        var fallback = Assert.Single(saved);
        Assert.StartsWith(Path.Combine(Environment.CurrentDirectory, "mlcnn-rescued-"), fallback);
        Assert.Contains("no space left on device", stderr.ToString());
        Assert.Contains($"The trained model was saved to {fallback} instead", stderr.ToString());
    }

    [Fact]
    public void When_every_path_fails_the_error_names_them_all()
    {
        var files = new OutputFiles(force: false);

        var e = Assert.Throws<IOException>(() => files.SaveModel(path => throw new IOException($"no room for {path}"), "/wanted/m.mlcnn", TextWriter.Null));

        Assert.Contains("no room for /wanted/m.mlcnn", e.Message);
        Assert.Contains("The fallback paths failed too", e.Message);
        Assert.Contains(Path.GetTempPath(), e.Message);
    }

    [Fact]
    public void Resume_on_an_empty_checkpoint_folder_says_so_once_and_trains_from_epoch_1()
    {
        Directory.CreateDirectory(_temp.File("ckpt"));

        var (code, _, err) = Train("--model", _temp.File("m.mlcnn"), "--checkpoint-dir", _temp.File("ckpt"), "--resume");

        Assert.True(code == 0, err);
        Assert.Single(err.Split('\n'), l => l.Contains("--resume: no checkpoint in", StringComparison.Ordinal));
        Assert.Contains("starting from epoch 1", err);
    }

    [Fact]
    public void Too_many_threads_are_capped_with_a_warning()
    {
        var (code, _, err) = Train("--model", _temp.File("m.mlcnn"), "--threads", "1000");

        Assert.True(code == 0, err);
        Assert.Contains($"warning: --threads 1000 is more than 4 per core ({Environment.ProcessorCount} cores)", err);
        Assert.Contains($"using {4 * Environment.ProcessorCount}", err);
    }
}
