using System.Diagnostics;
using System.Security.Cryptography;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Cli.Tests;

/// <summary>A real `mlcnn train` process killed at arbitrary moments never leaves a corrupt latest checkpoint.</summary>
public sealed class CheckpointKillTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Killing_the_process_mid_training_leaves_a_valid_latest_checkpoint_that_resumes()
    {
        var data = FashionMnistSlice.Write(_temp, 64, 16);
        var checkpoints = _temp.File("ckpt");
        var latest = Path.Combine(checkpoints, "latest.ckpt");
        var random = new Random(5);
        for (var round = 0; round < 4; round++)
        {
            var (process, errors) = Start(data, checkpoints, epochs: 100_000, resume: round > 0);
            using var _ = process;
            var clock = Stopwatch.StartNew();
            while (!File.Exists(latest) && clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited) Thread.Sleep(20);
            if (!File.Exists(latest))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"no checkpoint after {clock.Elapsed.TotalSeconds:F0}s: {errors}");
            }
            // Checkpoints are rewritten every few milliseconds; kill at a random moment inside that stream of writes.
            Thread.Sleep(random.Next(50, 400));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            AssertValid(latest);
        }

        var epoch = EpochOf(latest);
        var (finish, finishErrors) = Start(data, checkpoints, epochs: epoch + 1, resume: true);
        using var __ = finish;
        Assert.True(finish.WaitForExit(120_000), "the resumed run did not finish");
        finish.WaitForExit();
        Assert.True(finish.ExitCode == 0, finishErrors.ToString());
        AssertValid(latest);
        Assert.Equal(epoch + 1, EpochOf(latest));
    }

    private static (Process Process, System.Text.StringBuilder Errors) Start(string data, string checkpoints, int epochs, bool resume)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "mlcnn.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { cli, "train", "--data", data, "--model", Path.Combine(checkpoints, "..", "m.mlcnn"), "--arch", "simple",
                     "--epochs", epochs.ToString(), "--batch-size", "32", "--device", "cpu", "--threads", "1", "--checkpoint-dir", checkpoints })
            info.ArgumentList.Add(a);
        if (resume) info.ArgumentList.Add("--resume");
        var process = Process.Start(info)!;
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, errors);
    }

    /// <summary>The file ends with the SHA-256 of everything before it.</summary>
    private static void AssertValid(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 40, $"{path} is {bytes.Length} bytes");
        Assert.Equal("MLCNNCKP"u8.ToArray(), bytes[..8]);
        Assert.Equal(SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)), bytes[^32..]);
    }

    /// <summary>The "Epoch" of the checkpoint's JSON state (the block after magic and version).</summary>
    internal static int EpochOf(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = BitConverter.ToInt32(bytes, 12);
        using var json = System.Text.Json.JsonDocument.Parse(bytes.AsMemory(16, length));
        return json.RootElement.GetProperty("Epoch").GetInt32();
    }
}
