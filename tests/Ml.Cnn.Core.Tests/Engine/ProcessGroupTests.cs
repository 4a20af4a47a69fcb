using System.Net;
using System.Net.Sockets;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Native;

namespace Ml.Cnn.Core.Tests.Engine;

/// <summary>c10d process groups on Gloo over 127.0.0.1, two ranks as two threads of this process.</summary>
public sealed class ProcessGroupTests
{
    /// <summary>No dropout and no batch norm: two ranks on half batches must equal one process on the whole batch.</summary>
    private const string Spec = "conv2d in=1 out=4 kernel=3\nrelu\nmaxpool2d kernel=2\nflatten\ndense in=36 out=10";
    private static readonly ImageShape Shape = new(1, 8, 8);

    private static (byte[] Pixels, float[] Labels) Batch(int rows)
    {
        var random = new Random(5);
        var pixels = new byte[rows * Shape.Size];
        random.NextBytes(pixels);
        return (pixels, Enumerable.Range(0, rows).Select(i => (float)(i % 10)).ToArray());
    }

    private static Dictionary<string, float[]> Train(Network network, byte[] pixels, float[] labels, int steps)
    {
        network.SetInputPreprocessing(1f / 255, [], []);
        using var optimizer = Optimizer.Create(network, "sgd lr=0.5 momentum=0.9");
        using var loss = new LossFunction("ce", [], LossReduction.Mean);
        var outputs = new float[labels.Length * 10];
        for (var step = 0; step < steps; step++)
            network.TrainStep(optimizer, loss, pixels, labels.Length, Shape, labels, 1, [], outputs);
        return network.StateNames.ToDictionary(n => n, n =>
        {
            using var t = network.GetState(n);
            return t.ToArray();
        });
    }

    /// <summary>Runs <paramref name="work"/> on two ranks (threads) of a Gloo group, each with a network of <paramref name="spec"/> (seed 7) attached.</summary>
    private static Task<T[]> OnTwoRanks<T>(string spec, bool syncBatchNorm, Func<Network, int, T> work)
    {
        var port = FreePort.Next();
        return Task.WhenAll(Enumerable.Range(0, 2).Select(rank => Task.Run(() =>
        {
            using var group = ProcessGroup.Join(DistributedBackend.Gloo, rank, 2, "127.0.0.1", port, TimeSpan.FromSeconds(30));
            using var network = Network.Create(spec, ComputeDevice.Cpu, seed: 7);
            network.Threads = 1;
            group.Broadcast(network);
            network.Group = group;
            network.SyncBatchNorm = syncBatchNorm;
            return work(network, rank);
        })));
    }

    [Fact]
    public async Task Two_ranks_on_half_batches_train_the_weights_of_one_process_on_the_whole_batch()
    {
        var (pixels, labels) = Batch(64);
        using var alone = Network.Create(Spec, ComputeDevice.Cpu, seed: 7);
        var expected = Train(alone, pixels, labels, steps: 4);

        var port = FreePort.Next();
        var ranks = Enumerable.Range(0, 2).Select(rank => Task.Run(() =>
        {
            using var group = ProcessGroup.Join(DistributedBackend.Gloo, rank, 2, "127.0.0.1", port, TimeSpan.FromSeconds(30));
            // Rank 1 starts from other weights: the broadcast must give it rank 0's.
            using var network = Network.Create(Spec, ComputeDevice.Cpu, seed: rank == 0 ? 7UL : 99UL);
            network.Threads = 1;
            group.Broadcast(network);
            network.Group = group;
            var half = Shape.Size * 32;
            return Train(network, pixels[(rank * half)..((rank + 1) * half)], labels[(rank * 32)..((rank + 1) * 32)], steps: 4);
        })).ToArray();
        var trained = await Task.WhenAll(ranks);

        foreach (var rank in trained)
            foreach (var (name, values) in expected)
            {
                var actual = rank[name];
                Assert.Equal(values.Length, actual.Length);
                for (var i = 0; i < values.Length; i++)
                    Assert.True(Math.Abs(values[i] - actual[i]) <= 1e-5, $"{name}[{i}]: one process {values[i]:R}, a rank {actual[i]:R}");
            }
        // One half alone trains other weights: the ranks' equality with the whole batch comes from the all-reduce.
        using var halfAlone = Network.Create(Spec, ComputeDevice.Cpu, seed: 7);
        Assert.NotEqual(expected.Values.First(), Train(halfAlone, pixels[..(Shape.Size * 32)], labels[..32], 4).Values.First());
    }

    /// <summary>
    /// Batch norm is per rank (DDP's default): each rank normalizes with its own batch's statistics and keeps its own
    /// running statistics, so one SGD step of two ranks gives the mean of the weights two separate networks reach on the
    /// two halves, and each rank's running mean is its own network's.
    /// </summary>
    [Fact]
    public async Task Batch_norm_uses_each_ranks_own_batch_statistics()
    {
        const string withBatchNorm = "conv2d in=1 out=4 kernel=3\nbatchnorm2d channels=4\nrelu\nmaxpool2d kernel=2\nflatten\ndense in=36 out=10";
        var (pixels, labels) = Batch(64);
        var half = Shape.Size * 32;
        Dictionary<string, float[]> Step(Network network, int part)
        {
            network.SetInputPreprocessing(1f / 255, [], []);
            using var optimizer = Optimizer.Create(network, "sgd lr=0.5");
            using var loss = new LossFunction("ce", [], LossReduction.Mean);
            network.TrainStep(optimizer, loss, pixels[(part * half)..((part + 1) * half)], 32, Shape, labels[(part * 32)..((part + 1) * 32)], 1, [],
                new float[32 * 10]);
            return network.StateNames.ToDictionary(n => n, n =>
            {
                using var t = network.GetState(n);
                return t.ToArray();
            });
        }
        using var first = Network.Create(withBatchNorm, ComputeDevice.Cpu, seed: 7);
        using var second = Network.Create(withBatchNorm, ComputeDevice.Cpu, seed: 7);
        var alone = new[] { Step(first, 0), Step(second, 1) };

        var ranks = await OnTwoRanks(withBatchNorm, syncBatchNorm: false, Step);

        for (var rank = 0; rank < 2; rank++)
            foreach (var (name, values) in ranks[rank])
            {
                var running = name.Contains("running_", StringComparison.Ordinal) || name.Contains("num_batches", StringComparison.Ordinal);
                for (var i = 0; i < values.Length; i++)
                {
                    var expected = running ? alone[rank][name][i] : (alone[0][name][i] + alone[1][name][i]) / 2;
                    Assert.True(Math.Abs(values[i] - expected) <= 1e-5, $"rank {rank} {name}[{i}]: expected {expected:R}, got {values[i]:R}");
                }
            }
        Assert.NotEqual(ranks[0]["1.running_mean"], ranks[1]["1.running_mean"]);
    }

    /// <summary>
    /// Synchronized batch norm (a layer of the spec, and the batch norms inside a residual block with its shortcut): each
    /// rank normalizes with the statistics of both halves, so two ranks on half batches train the weights and running
    /// statistics of one process on the whole batch (SyncBatchNorm's contract); without a group the setting changes nothing.
    /// </summary>
    [Theory]
    [InlineData("conv2d in=1 out=4 kernel=3\nbatchnorm2d channels=4\nrelu\nmaxpool2d kernel=2\nflatten\ndense in=36 out=10")]
    [InlineData("conv2d in=1 out=4 kernel=3\nbatchnorm2d channels=4\nrelu\nresidual in=4 out=8 stride=2\ngap\ndense in=8 out=10")]
    public async Task Synchronized_batch_norm_trains_as_one_process_on_the_whole_batch(string withBatchNorm)
    {
        var (pixels, labels) = Batch(64);
        using var alone = Network.Create(withBatchNorm, ComputeDevice.Cpu, seed: 7);
        alone.SyncBatchNorm = true;
        var expected = Train(alone, pixels, labels, steps: 3);

        var half = Shape.Size * 32;
        var ranks = await OnTwoRanks(withBatchNorm, syncBatchNorm: true,
            (network, rank) => Train(network, pixels[(rank * half)..((rank + 1) * half)], labels[(rank * 32)..((rank + 1) * 32)], steps: 3));

        foreach (var rank in ranks)
            foreach (var (name, values) in expected)
                for (var i = 0; i < values.Length; i++)
                    Assert.True(Math.Abs(values[i] - rank[name][i]) <= 1e-5, $"{name}[{i}]: one process {values[i]:R}, a rank {rank[name][i]:R}");
        Assert.Equal(3f, ranks[0]["1.num_batches_tracked"][0]);
    }

    [Theory]
    [InlineData(TrainingPrecision.BFloat16, TrainingPrecision.BFloat16, TrainingPrecision.BFloat16)]
    [InlineData(TrainingPrecision.BFloat16, TrainingPrecision.Float32, TrainingPrecision.Float32)]
    [InlineData(TrainingPrecision.Float16, TrainingPrecision.BFloat16, TrainingPrecision.Float32)]
    public async Task Ranks_agree_on_a_precision_their_common_proposal_else_float32(TrainingPrecision first, TrainingPrecision second,
        TrainingPrecision agreed)
    {
        var port = FreePort.Next();
        var ranks = new[] { first, second }.Select((proposal, rank) => Task.Run(() =>
        {
            using var group = ProcessGroup.Join(DistributedBackend.Gloo, rank, 2, "127.0.0.1", port, TimeSpan.FromSeconds(30));
            return group.AgreeOnPrecision(proposal);
        })).ToArray();
        Assert.All(await Task.WhenAll(ranks), p => Assert.Equal(agreed, p));
    }

    [Fact]
    public void An_unknown_precision_is_refused_before_any_communication()
    {
        using var group = ProcessGroup.Join(DistributedBackend.Gloo, 0, 1, "127.0.0.1", FreePort.Next(), TimeSpan.FromSeconds(30));
        Assert.Throws<ArgumentOutOfRangeException>(() => group.AgreeOnPrecision((TrainingPrecision)9));
        Assert.Equal(TrainingPrecision.BFloat16, group.AgreeOnPrecision(TrainingPrecision.BFloat16));
    }

    [Fact]
    public async Task Sums_and_barriers_meet_every_rank()
    {
        var port = FreePort.Next();
        var ranks = Enumerable.Range(0, 3).Select(rank => Task.Run(() =>
        {
            using var group = ProcessGroup.Join(DistributedBackend.Gloo, rank, 3, "127.0.0.1", port, TimeSpan.FromSeconds(30));
            double[] values = [rank, 10 * rank + 1];
            group.AllReduceSum(values);
            group.Barrier();
            return values;
        })).ToArray();
        Assert.All(await Task.WhenAll(ranks), r => Assert.Equal([3.0, 33.0], r));
    }

    [Fact]
    public void A_rank_whose_master_never_comes_fails_within_the_timeout_naming_itself_and_the_address()
    {
        var port = FreePort.Next();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<CnnNativeException>(() => ProcessGroup.Join(DistributedBackend.Gloo, 1, 2, "127.0.0.1", port, TimeSpan.FromSeconds(2)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains("rank 1 of 2", e.Message);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Contains("is the master running", e.Message);
    }

    [Fact]
    public void A_port_in_use_is_named()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var e = Assert.Throws<CnnNativeException>(() => ProcessGroup.Join(DistributedBackend.Gloo, 0, 2, "127.0.0.1", port, TimeSpan.FromSeconds(2)));
        Assert.Contains("is the port in use", e.Message);
    }

    [Fact]
    public async Task A_rank_that_stops_answering_makes_the_others_fail_within_the_timeout()
    {
        var port = FreePort.Next();
        using var quiet = new ManualResetEventSlim();
        var silent = Task.Run(() =>
        {
            using var group = ProcessGroup.Join(DistributedBackend.Gloo, 1, 2, "127.0.0.1", port, TimeSpan.FromSeconds(3));
            quiet.Wait(TimeSpan.FromSeconds(30));
        });
        using var group = ProcessGroup.Join(DistributedBackend.Gloo, 0, 2, "127.0.0.1", port, TimeSpan.FromSeconds(3));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<CnnNativeException>(() => group.AllReduceSum(new double[] { 1 }));
        quiet.Set();
        await silent;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Contains("failed on rank 0", e.Message);
    }

    [Fact]
    public void Bad_ranks_sizes_and_ports_are_refused_before_any_connection()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcessGroup.Join(DistributedBackend.Gloo, 2, 2, "127.0.0.1", 29500, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcessGroup.Join(DistributedBackend.Gloo, 0, 0, "127.0.0.1", 29500, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcessGroup.Join(DistributedBackend.Gloo, 0, 1, "127.0.0.1", 70000, TimeSpan.FromSeconds(1)));
    }
}
