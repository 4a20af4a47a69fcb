using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli.Tests;

/// <summary><c>mlcnn train</c> on several processes: the launcher, a rank killed mid-training and resumed, and clear rendezvous errors.</summary>
public sealed class DistributedCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string[] Train(string data, string model, params string[] more) =>
        ["train", "--data", data, "--model", model, "--arch", "simple", "--batch-size", "32", "--device", "cpu", "--threads", "1", .. more];

    [Fact]
    public void Nproc_per_node_starts_the_ranks_and_rank_0_alone_saves_and_reports()
    {
        var data = FashionMnistSlice.Write(_temp, 400, 100);
        var model = _temp.File("m.zip");
        var port = FreePort.Next();
        var (code, stdout, stderr) = FashionMnistSlice.Run(Train(data, model, "--epochs", "2", "--nproc-per-node", "2", "--master-port", port.ToString(), "--json"));
        Assert.True(code == 0, stderr);
        Assert.Contains($"starting 2 processes (ranks 0-1) meeting at 127.0.0.1:{port}", stderr);
        Assert.Contains("[rank 1] mlcnn: rank 1 of 2 done", stderr);
        var json = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.InRange(json.GetProperty("MicroAccuracy").GetDouble(), 0.3, 1);
        Assert.InRange(json.GetProperty("AllReduceSeconds").GetDouble(), 1e-6, json.GetProperty("TrainSeconds").GetDouble());
        Assert.Equal(1, stdout.Split('\n').Count(l => l.StartsWith("MicroAccuracy:", StringComparison.Ordinal)));
        var evaluated = FashionMnistSlice.Run("evaluate", "--model", model, "--data", data, "--device", "cpu");
        Assert.True(evaluated.Code == 0, evaluated.Err);
    }

    [Fact]
    public void Sync_batchnorm_trains_a_batch_norm_network_on_two_ranks()
    {
        var data = FashionMnistSlice.Write(_temp, 200, 50);
        var model = _temp.File("m.zip");
        var (code, stdout, stderr) = FashionMnistSlice.Run(["train", "--data", data, "--model", model, "--arch", "resnet", "--batch-size", "16",
            "--device", "cpu", "--threads", "1", "--epochs", "1", "--nproc-per-node", "2", "--master-port", FreePort.Next().ToString(), "--sync-batchnorm", "--json"]);
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.True(json.GetProperty("AllReduceSeconds").GetDouble() > 0);
    }

    [Fact]
    public void Sync_batchnorm_reaches_the_distributed_options_and_is_off_by_default()
    {
        var flags = new TrainFlags();
        DistributedOptions? Parsed(params string[] more) => flags.TrainerOptions(
            flags.Command().Parse(["--data", "d", "--model", "m.zip", "--world-size", "2", "--rank", "1", .. more]), CnnTask.Multiclass, TextWriter.Null).Distributed;

        Assert.True(Parsed("--sync-batchnorm")!.SyncBatchNorm);
        Assert.False(Parsed()!.SyncBatchNorm);
    }

    [Theory]
    [InlineData("--backend", "mpi", "--backend must be gloo, nccl or auto (got 'mpi')")]
    [InlineData("--nproc-per-node", "0", "--nproc-per-node must be at least 1 (got 0)")]
    [InlineData("--dist-timeout", "0", "--dist-timeout")]
    [InlineData("--master-port", "70000", "--master-port must lie in [1, 65535] (got 70000)")]
    public void Bad_distributed_flags_are_refused_naming_the_flag(string flag, string value, string expected)
    {
        var (code, _, stderr) = FashionMnistSlice.Run(Train(_temp.Path, _temp.File("m.zip"), "--world-size", "2", flag, value));
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void Nproc_per_node_and_an_explicit_rank_are_refused_together()
    {
        var (code, _, stderr) = FashionMnistSlice.Run(Train(_temp.Path, _temp.File("m.zip"), "--nproc-per-node", "2", "--rank", "1"));
        Assert.Equal(2, code);
        Assert.Contains("--nproc-per-node sets --world-size and --rank itself", stderr);
    }

    [Fact]
    public void A_killed_rank_stops_the_other_within_the_timeout_and_both_resume_from_the_checkpoint()
    {
        var data = FashionMnistSlice.Write(_temp, 2000, 100);
        var checkpoints = _temp.File("ckpt");
        var latest = Path.Combine(checkpoints, "latest.ckpt");
        var port = FreePort.Next();
        string[] Rank(int rank, int epochs, bool resume) => Train(data, _temp.File("m.zip"), [
            "--epochs", epochs.ToString(), "--world-size", "2", "--rank", rank.ToString(), "--master-port", port.ToString(), "--dist-timeout", "10",
            "--checkpoint-dir", checkpoints, .. resume ? new[] { "--resume" } : []]);
        using (var zero = CliProcess.Start(Rank(0, 1000, resume: false)))
        using (var one = CliProcess.Start(Rank(1, 1000, resume: false)))
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(latest) && clock.Elapsed < TimeSpan.FromSeconds(120) && !zero.Process.HasExited) Thread.Sleep(20);
            Assert.True(File.Exists(latest), $"no checkpoint: {zero.Errors}");
            one.Process.Kill(entireProcessTree: true);
            clock.Restart();
            Assert.True(zero.Process.WaitForExit(60_000), "rank 0 did not stop after rank 1 died");
            zero.Process.WaitForExit();
            Assert.NotEqual(0, zero.Process.ExitCode);
            Assert.Contains("on rank 0", zero.Errors.ToString());
        }
        var done = EpochOf(latest);
        using var first = CliProcess.Start(Rank(0, done + 1, resume: true));
        using var second = CliProcess.Start(Rank(1, done + 1, resume: true));
        Assert.True(first.Process.WaitForExit(120_000) && second.Process.WaitForExit(120_000), "the resumed ranks did not finish");
        first.Process.WaitForExit();
        second.Process.WaitForExit();
        Assert.True(first.Process.ExitCode == 0, first.Errors.ToString());
        Assert.True(second.Process.ExitCode == 0, second.Errors.ToString());
        Assert.Equal(done + 1, EpochOf(latest));
    }

    [Fact]
    public void A_missing_rank_a_port_in_use_and_an_unreachable_master_are_clear_errors_not_hangs()
    {
        var data = FashionMnistSlice.Write(_temp, 100, 20);
        var model = _temp.File("m.zip");
        var clock = Stopwatch.StartNew();
        var alone = FashionMnistSlice.Run(Train(data, model, "--world-size", "2", "--rank", "0", "--master-port", FreePort.Next().ToString(), "--dist-timeout", "3"));
        Assert.Equal(1, alone.Code);
        Assert.Contains("rank 0 of 2 could not meet the others", alone.Err);
        Assert.Contains("did a rank not start?", alone.Err);

        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var busy = FashionMnistSlice.Run(Train(data, model, "--world-size", "2", "--rank", "0", "--master-port", ((IPEndPoint)taken.LocalEndpoint).Port.ToString(),
            "--dist-timeout", "3"));
        Assert.Equal(1, busy.Code);
        Assert.Contains("is the port in use", busy.Err);

        var orphan = FashionMnistSlice.Run(Train(data, model, "--world-size", "2", "--rank", "1", "--master-port", FreePort.Next().ToString(), "--dist-timeout", "3"));
        Assert.Equal(1, orphan.Code);
        Assert.Contains("is the master running and reachable?", orphan.Err);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");

        var wrong = FashionMnistSlice.Run(Train(data, model, "--world-size", "2", "--rank", "2"));
        Assert.Equal(2, wrong.Code);
        Assert.Contains("--rank must lie in [0, 2)", wrong.Err);
        Assert.False(File.Exists(model));
    }

    private static int EpochOf(string checkpoint) => CheckpointKillTests.EpochOf(checkpoint);
}
