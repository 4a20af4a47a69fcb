using Ml.Cnn.Native;

namespace Ml.Cnn.Engine;

/// <summary>
/// A torch.distributed process group (libtorch's c10d): <see cref="WorldSize"/> processes, this one <see cref="Rank"/>,
/// that met through a TCP store served by rank 0. Attached to a <see cref="Network"/>, it makes every training step
/// average the gradients over the ranks (all-reduce), as DistributedDataParallel does.
/// </summary>
public sealed class ProcessGroup : IDisposable
{
    private readonly GroupHandle _handle;

    private ProcessGroup(GroupHandle handle, int rank, int worldSize, TimeSpan timeout)
    {
        _handle = handle;
        Rank = rank;
        WorldSize = worldSize;
        Timeout = timeout;
    }

    /// <summary>This process's rank, 0 to <see cref="WorldSize"/> − 1.</summary>
    public int Rank { get; }

    /// <summary>The number of processes.</summary>
    public int WorldSize { get; }

    /// <summary>How long joining and each collective may wait for the other ranks.</summary>
    public TimeSpan Timeout { get; }

    internal GroupHandle Handle => _handle;

    /// <summary>Seconds the training steps of attached networks have spent averaging gradients, waiting for the other ranks included.</summary>
    public double AllReduceSeconds
    {
        get
        {
            NativeCheck.Check(NativeMethods.GroupAllReduceSeconds(_handle, out var seconds), "reading the all-reduce time");
            return seconds;
        }
    }

    /// <summary>
    /// Joins the group: rank 0 serves the rendezvous at <paramref name="host"/>:<paramref name="port"/>, every rank
    /// connects, and the call returns when all <paramref name="worldSize"/> have arrived (or fails after
    /// <paramref name="timeout"/>, naming the rank, the address and the likely cause).
    /// </summary>
    /// <param name="backend">Gloo (CPU) or NCCL (CUDA).</param>
    /// <param name="rank">This process's rank.</param>
    /// <param name="worldSize">The number of processes.</param>
    /// <param name="host">The rendezvous host (rank 0's address; 127.0.0.1 on one machine).</param>
    /// <param name="port">The rendezvous port.</param>
    /// <param name="timeout">How long to wait for the others, here and in every collective.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rank, size, port or timeout is out of range.</exception>
    /// <exception cref="CnnNativeException">The ranks did not meet (port in use, master unreachable, a rank missing).</exception>
    public static ProcessGroup Join(DistributedBackend backend, int rank, int worldSize, string host, int port, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(worldSize, 1);
        if (rank < 0 || rank >= worldSize) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"The rank must be in [0, {worldSize}).");
        if (port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "The port must be in [1, 65535].");
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive.");
        NativeCheck.Check(NativeMethods.GroupCreate((int)backend, rank, worldSize, host, port, (long)timeout.TotalMilliseconds, out var handle),
            $"joining the process group as rank {rank} of {worldSize} at {host}:{port}");
        return new ProcessGroup(handle, rank, worldSize, timeout);
    }

    /// <summary>Copies rank 0's weights and buffers into <paramref name="network"/> on every rank (call on every rank).</summary>
    /// <param name="network">This rank's network, of the same spec on every rank.</param>
    public void Broadcast(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        NativeCheck.Check(NativeMethods.GroupBroadcastModel(_handle, network.Handle), "broadcasting rank 0's weights");
    }

    /// <summary>Replaces each value by its sum over the ranks (call on every rank with as many values).</summary>
    /// <param name="values">The values.</param>
    public unsafe void AllReduceSum(Span<double> values)
    {
        fixed (double* p = values)
            NativeCheck.Check(NativeMethods.GroupAllReduceSum(_handle, p, values.Length), "summing values over the ranks");
    }

    /// <summary>
    /// One training precision for every rank from each rank's own proposal (call on every rank): the proposal when all
    /// ranks make the same, else <see cref="TrainingPrecision.Float32"/>. Ranks on different machines may propose
    /// different defaults (<see cref="Torch.DefaultPrecision"/>: bf16 only where a CPU has the instructions).
    /// </summary>
    /// <param name="proposal">This rank's precision.</param>
    public TrainingPrecision AgreeOnPrecision(TrainingPrecision proposal)
    {
        if (!Enum.IsDefined(proposal)) throw new ArgumentOutOfRangeException(nameof(proposal), proposal, "Unknown training precision.");
        var precisions = Enum.GetValues<TrainingPrecision>();
        Span<double> votes = stackalloc double[precisions.Length];
        votes[Array.IndexOf(precisions, proposal)] = 1;
        AllReduceSum(votes);
        for (var i = 0; i < precisions.Length; i++)
            if (votes[i] == WorldSize) return precisions[i];
        return TrainingPrecision.Float32;
    }

    /// <summary>Returns when every rank has called it.</summary>
    public void Barrier() => NativeCheck.Check(NativeMethods.GroupBarrier(_handle), "waiting for every rank");

    /// <inheritdoc/>
    public void Dispose() => _handle.Dispose();
}
