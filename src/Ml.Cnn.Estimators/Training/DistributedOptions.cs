using System.Globalization;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Training;

/// <summary>
/// Data-parallel training over <see cref="WorldSize"/> processes, as PyTorch's DistributedDataParallel: every rank starts
/// from rank 0's weights, trains on its own shard of every epoch's order with the per-rank <c>BatchSize</c>, and averages
/// the gradients with the others in every step (so the effective batch is BatchSize × WorldSize; scale the learning rate
/// with it, linearly for SGD, as Goyal et al.). Every rank calls <c>Fit</c> with the same options and data.
/// </summary>
public sealed class DistributedOptions
{
    /// <summary>The number of processes.</summary>
    /// <value>Default 1.</value>
    public int WorldSize { get; set; } = 1;

    /// <summary>This process's rank, 0 to <see cref="WorldSize"/> − 1; rank 0 serves the rendezvous, validates and writes checkpoints.</summary>
    /// <value>Default 0.</value>
    public int Rank { get; set; }

    /// <summary>Rank 0's address, where every rank meets (torchrun's MASTER_ADDR).</summary>
    /// <value>Default "127.0.0.1".</value>
    public string MasterAddress { get; set; } = "127.0.0.1";

    /// <summary>The rendezvous port on <see cref="MasterAddress"/> (torchrun's MASTER_PORT).</summary>
    /// <value>Default 29500 (torchrun's).</value>
    public int MasterPort { get; set; } = 29500;

    /// <summary>How the ranks talk; null picks Gloo on CPU and NCCL on CUDA.</summary>
    /// <value>Default null.</value>
    public DistributedBackend? Backend { get; set; }

    /// <summary>
    /// How long a rank waits for the others when meeting and in every step before it stops with an error naming itself;
    /// it must also cover rank 0's validation after each epoch, which the other ranks wait through.
    /// </summary>
    /// <value>Default 30 minutes (torch.distributed's).</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Whether batch norm layers normalize each training batch with the statistics of every rank's batch (PyTorch's
    /// SyncBatchNorm: the effective batch's mean and variance, at one all-reduce per layer forward and backward) instead
    /// of the rank's own (DistributedDataParallel's default). Worth it when the per-rank batch is small.
    /// </summary>
    /// <value>Default false.</value>
    public bool SyncBatchNorm { get; set; }

    /// <summary>
    /// The options torchrun's environment variables give: <c>WORLD_SIZE</c>, <c>RANK</c>, <c>MASTER_ADDR</c> (default
    /// 127.0.0.1) and <c>MASTER_PORT</c> (default 29500); null when WORLD_SIZE is not set or is 1.
    /// </summary>
    /// <exception cref="ArgumentException">A variable is not a number.</exception>
    public static DistributedOptions? FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("WORLD_SIZE") is not { Length: > 0 } size) return null;
        var world = Number("WORLD_SIZE", size);
        if (world == 1) return null;
        return new DistributedOptions
        {
            WorldSize = world,
            Rank = Environment.GetEnvironmentVariable("RANK") is { Length: > 0 } rank ? Number("RANK", rank)
                : throw new ArgumentException("WORLD_SIZE is set but RANK is not: set both (torchrun does), or neither to train alone."),
            MasterAddress = Environment.GetEnvironmentVariable("MASTER_ADDR") is { Length: > 0 } address ? address : "127.0.0.1",
            MasterPort = Environment.GetEnvironmentVariable("MASTER_PORT") is { Length: > 0 } port ? Number("MASTER_PORT", port) : 29500,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (WorldSize < 1) throw new ArgumentException($"Option WorldSize must be at least 1 (got {WorldSize}).", nameof(WorldSize));
        if (Rank < 0 || Rank >= WorldSize) throw new ArgumentException($"Option Rank must lie in [0, {WorldSize}) (got {Rank}).", nameof(Rank));
        if (string.IsNullOrWhiteSpace(MasterAddress)) throw new ArgumentException("Option MasterAddress must name rank 0's host.", nameof(MasterAddress));
        if (MasterPort is < 1 or > 65535) throw new ArgumentException($"Option MasterPort must lie in [1, 65535] (got {MasterPort}).", nameof(MasterPort));
        if (Timeout <= TimeSpan.Zero) throw new ArgumentException($"Option Timeout must be positive (got {Timeout}).", nameof(Timeout));
        if (Backend is { } backend && !Enum.IsDefined(backend)) throw new ArgumentException($"Option Backend is not a known backend (got {backend}).", nameof(Backend));
    }

    private static int Number(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ArgumentException($"The environment variable {name} must be a whole number (got '{text}').");
}
