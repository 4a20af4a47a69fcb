using Microsoft.ML;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>Data-parallel Fit: ranks as threads of this process, meeting on 127.0.0.1 with Gloo.</summary>
public sealed class DistributedTrainingTests
{
    private static CnnTrainerOptions Options(int batch, int epochs = 2)
    {
        var options = Slices.Small(5);
        options.BatchSize = batch;
        options.Epochs = epochs;
        options.Optimizer = OptimizerKind.Sgd;
        options.LearningRate = 0.05;
        options.Momentum = 0.9;
        options.Threads = 1;
        return options;
    }

    private static Task<CnnTransformer[]> Ranks(MLContext ml, IDataView train, int world, Func<CnnTrainerOptions> options) =>
        Ranks(ml, _ => train, world, options);

    private static async Task<CnnTransformer[]> Ranks(MLContext ml, Func<int, IDataView> train, int world, Func<CnnTrainerOptions> options)
    {
        var port = FreePort.Next();
        return await Task.WhenAll(Enumerable.Range(0, world).Select(rank => Task.Run(() =>
        {
            var o = options();
            o.Distributed = new DistributedOptions { WorldSize = world, Rank = rank, MasterPort = port, Timeout = TimeSpan.FromSeconds(60) };
            return ml.MulticlassClassification.Trainers.Cnn(o).Fit(train(rank));
        })));
    }

    /// <summary>The same 200 rows as data that cannot shuffle itself (a shuffle pool), as data that can, and that with balanced sampling.</summary>
    public static TheoryData<string> Orders => ["pooled", "shuffled", "balanced"];

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task Two_ranks_with_batches_of_32_train_the_weights_of_one_process_with_batches_of_64_reading_only_their_shares(string order)
    {
        var ml = new MLContext(seed: 1);
        // 200 rows: global batches of 64, 64, 64 and 8 split evenly, so no rank pads.
        var rows = Slices.Keyed(ml, FashionMnist.Train(200));
        var train = order == "pooled" ? rows : ml.Data.Cache(rows);
        CnnTrainerOptions With(int batch)
        {
            var o = Options(batch);
            o.ComputePixelStatistics = true;
            o.BalancedSampling = order == "balanced";
            // Equal within 1e-5 in float32; bf16 (the default on CPUs with AVX-512 BF16) rounds batches of 32 and 64 apart.
            o.Precision = TrainingPrecision.Float32;
            return o;
        }
        using var alone = ml.MulticlassClassification.Trainers.Cnn(With(64)).Fit(train);
        var views = new[] { new CountingView(train, "Image"), new CountingView(train, "Image") };
        var ranks = await Ranks(ml, rank => views[rank], 2, () => With(32));
        try
        {
            Assert.Null(alone.History!.AllReduceSeconds);
            Assert.All(ranks, r => Assert.InRange(r.History!.AllReduceSeconds!.Value, 1e-6, r.History.TrainSeconds));
            for (var rank = 0; rank < 2; rank++)
            {
                // Its half for the pixel statistics, then per epoch the rows it trains on (and one image read to learn the shape).
                var trained = ranks[rank].History!.Epochs.Sum(e => e.Images);
                Assert.InRange(views[rank].ImagesRead, 1, 100 + trained + 1);
                Assert.Equal(alone.Model.Metadata.Mean, ranks[rank].Model.Metadata.Mean);
                Assert.Equal(alone.Model.Metadata.Std, ranks[rank].Model.Metadata.Std);
                foreach (var name in alone.Model.Network.StateNames)
                {
                    using var expected = alone.Model.Network.GetState(name);
                    using var actual = ranks[rank].Model.Network.GetState(name);
                    var (e, a) = (expected.ToArray(), actual.ToArray());
                    for (var i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= 1e-5, $"{name}[{i}]: alone {e[i]:R}, rank {rank} {a[i]:R}");
                }
            }
        }
        finally
        {
            foreach (var rank in ranks) rank.Dispose();
        }
    }

    [Fact]
    public async Task Each_rank_trains_its_share_of_the_epoch_rounded_up_as_PyTorchs_DistributedSampler()
    {
        var ml = new MLContext(seed: 1);
        var train = Slices.Keyed(ml, FashionMnist.Train(87));
        CnnTrainerOptions One() => Options(16, epochs: 1);
        var ranks = await Ranks(ml, train, 3, One);
        try
        {
            // 87 rows over 3 ranks: 29 each; batches 16 + 13 on every rank (the last global batch of 39 rows splits evenly).
            Assert.All(ranks, r => Assert.Equal(29, r.History!.Epochs[0].Images));
        }
        finally
        {
            foreach (var rank in ranks) rank.Dispose();
        }
        var uneven = await Ranks(ml, Slices.Keyed(ml, FashionMnist.Train(85)), 2, One);
        try
        {
            // 85 rows over 2 ranks: 43 each, the second padded with the epoch's first row.
            Assert.All(uneven, r => Assert.Equal(43, r.History!.Epochs[0].Images));
        }
        finally
        {
            foreach (var rank in uneven) rank.Dispose();
        }
    }

    [Fact]
    public async Task Validation_runs_once_on_rank_0()
    {
        var ml = new MLContext(seed: 1);
        var ranks = await Ranks(ml, Slices.Keyed(ml, FashionMnist.Train(120)), 2, () =>
        {
            var o = Options(16, epochs: 1);
            o.ValidationFraction = 0.25;
            return o;
        });
        try
        {
            Assert.NotNull(ranks[0].History!.Epochs[0].ValidationLoss);
            Assert.NotEmpty(ranks[0].History!.Epochs[0].ValidationMetrics);
            Assert.Null(ranks[1].History!.Epochs[0].ValidationLoss);
            Assert.Equal(ranks[0].History!.Epochs[0].Images, ranks[1].History!.Epochs[0].Images);
        }
        finally
        {
            foreach (var rank in ranks) rank.Dispose();
        }
    }

    [Fact]
    public void Torchrun_environment_variables_give_the_options_when_none_are_set()
    {
        string?[] saved = [.. new[] { "WORLD_SIZE", "RANK", "MASTER_ADDR", "MASTER_PORT" }.Select(Environment.GetEnvironmentVariable)];
        try
        {
            Environment.SetEnvironmentVariable("WORLD_SIZE", "4");
            Environment.SetEnvironmentVariable("RANK", "3");
            Environment.SetEnvironmentVariable("MASTER_ADDR", "10.0.0.7");
            Environment.SetEnvironmentVariable("MASTER_PORT", "29600");
            var options = DistributedOptions.FromEnvironment()!;
            Assert.Equal((4, 3, "10.0.0.7", 29600), (options.WorldSize, options.Rank, options.MasterAddress, options.MasterPort));
            Assert.Same(options.GetType(), new CnnTrainerOptions().EffectiveDistributed!.GetType());
            Environment.SetEnvironmentVariable("RANK", null);
            Assert.Contains("RANK is not", Assert.Throws<ArgumentException>(DistributedOptions.FromEnvironment).Message);
            Environment.SetEnvironmentVariable("WORLD_SIZE", "1");
            Assert.Null(DistributedOptions.FromEnvironment());
        }
        finally
        {
            foreach (var (name, value) in new[] { "WORLD_SIZE", "RANK", "MASTER_ADDR", "MASTER_PORT" }.Zip(saved))
                Environment.SetEnvironmentVariable(name, value);
        }
    }

    [Fact]
    public async Task Early_stopping_and_the_plateau_schedule_follow_rank_0_on_every_rank()
    {
        var ml = new MLContext(seed: 1);
        var ranks = await Ranks(ml, Slices.Keyed(ml, FashionMnist.Train(120)), 2, () =>
        {
            var o = Options(16, epochs: 6);
            o.ValidationFraction = 0.25;
            // No later epoch can improve by 100: training stops after epoch 1 + patience, decided by rank 0 for both.
            o.EarlyStopping = new EarlyStopping { Monitor = "ValidationLoss", Patience = 2, MinDelta = 100, RestoreBestWeights = false };
            o.Schedule = Ml.Cnn.Schedules.LearningRateSchedule.ReduceOnPlateau(0.5, 0);
            return o;
        });
        try
        {
            Assert.All(ranks, r => Assert.Equal((3, TrainingStopReason.EarlyStopped), (r.History!.Epochs.Count, r.History.StopReason)));
            Assert.Equal(ranks[0].History!.Epochs.Select(e => e.LearningRate), ranks[1].History!.Epochs.Select(e => e.LearningRate));
            foreach (var name in ranks[0].Model.Network.StateNames)
            {
                using var zero = ranks[0].Model.Network.GetState(name);
                using var one = ranks[1].Model.Network.GetState(name);
                Assert.Equal(zero.ToArray(), one.ToArray());
            }
        }
        finally
        {
            foreach (var rank in ranks) rank.Dispose();
        }
    }

    [Fact]
    public void A_rank_outside_the_world_is_refused_naming_the_option()
    {
        var options = Options(32);
        options.Distributed = new DistributedOptions { WorldSize = 2, Rank = 2 };
        Assert.Contains("Rank must lie in [0, 2)", Assert.Throws<ArgumentException>(() => new MLContext().MulticlassClassification.Trainers.Cnn(options)).Message);
        options.Distributed.Rank = 1;
        options.Seed = null;
        Assert.Contains("Seed must be set for distributed training", Assert.Throws<ArgumentException>(() => new MLContext().MulticlassClassification.Trainers.Cnn(options)).Message);
    }
}
