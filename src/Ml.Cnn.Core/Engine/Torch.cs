using Ml.Cnn.Native;

namespace Ml.Cnn.Engine;

/// <summary>Process-wide libtorch facts and settings: version, CUDA devices, threads, CPU memory cache, seed, live native handles.</summary>
public static class Torch
{
    /// <summary>The libtorch version libmlcnn was built against, e.g. 1.13.1.</summary>
    public static Version Version
    {
        get
        {
            NativeCheck.Check(NativeMethods.TorchVersion(out var major, out var minor, out var patch), "reading the libtorch version");
            return new Version(major, minor, patch);
        }
    }

    /// <summary>Number of CUDA devices libtorch can use (0 with a CPU-only libtorch).</summary>
    public static int CudaDeviceCount
    {
        get
        {
            NativeCheck.Check(NativeMethods.DeviceCudaCount(out var count), "counting CUDA devices");
            return count;
        }
    }

    /// <summary>
    /// Whether this CPU runs AVX-512 BF16 instructions (detected at run time, with the operating system's support) and
    /// libtorch has oneDNN, which uses them. With both, bfloat16 training on CPU runs at about twice float32's speed;
    /// without, slower than float32.
    /// </summary>
    public static bool CpuHasBFloat16
    {
        get
        {
            NativeCheck.Check(NativeMethods.CpuHasBFloat16(out var has), "detecting bfloat16 instructions");
            return has != 0;
        }
    }

    /// <summary>
    /// The training precision a trainer uses when none is chosen: <see cref="TrainingPrecision.BFloat16"/> on CUDA, and on
    /// a CPU with AVX-512 BF16 (<see cref="CpuHasBFloat16"/>; measured against float32 in bench/README.md);
    /// <see cref="TrainingPrecision.Float32"/> on other CPUs.
    /// </summary>
    /// <param name="device">The device that trains; <see cref="ComputeDevice.Auto"/> is resolved first (<see cref="Resolve"/>).</param>
    public static TrainingPrecision DefaultPrecision(ComputeDevice device) =>
        (device == ComputeDevice.Auto ? Resolve(device) : device) == ComputeDevice.Cuda || CpuHasBFloat16
            ? TrainingPrecision.BFloat16
            : TrainingPrecision.Float32;

    /// <summary>
    /// libtorch's intra-op thread count for the calling thread (its OpenMP count is kept per thread; libtorch starts each
    /// thread at its count of physical cores). A network with <c>Network.Threads</c> set uses its own count instead.
    /// </summary>
    public static int Threads
    {
        get
        {
            NativeCheck.Check(NativeMethods.DeviceGetThreads(out var threads), "reading the thread count");
            return threads;
        }
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), value, "Threads must be at least 1.");
            NativeCheck.Check(NativeMethods.DeviceSetThreads(value), "setting the thread count");
        }
    }

    /// <summary>
    /// Upper bound in bytes of the freed CPU tensor memory that libmlcnn keeps for reuse (process-wide; default 1 GiB).
    /// Training allocates the same large buffers every step; keeping them avoids page faults that otherwise cost a
    /// third of a CPU training step (bench/README.md, "Host memory"). 0 releases every kept block and keeps none.
    /// </summary>
    public static long CpuCacheLimit
    {
        get
        {
            NativeCheck.Check(NativeMethods.CpuCacheStats(out _, out var limit), "reading the CPU cache limit");
            return limit;
        }
        set
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "The CPU cache limit must be at least 0 bytes.");
            NativeCheck.Check(NativeMethods.CpuCacheSetLimit(value), "setting the CPU cache limit");
        }
    }

    /// <summary>Bytes of freed CPU tensor memory kept for reuse now (at most <see cref="CpuCacheLimit"/>).</summary>
    public static long CpuCacheIdleBytes
    {
        get
        {
            NativeCheck.Check(NativeMethods.CpuCacheStats(out var idle, out _), "reading the CPU cache");
            return idle;
        }
    }

    /// <summary>Resolves <see cref="ComputeDevice.Auto"/> to CUDA when libtorch has a CUDA device, else CPU; checks CUDA exists when asked for.</summary>
    /// <param name="device">The requested device.</param>
    public static ComputeDevice Resolve(ComputeDevice device) => device switch
    {
        ComputeDevice.Cpu => ComputeDevice.Cpu,
        ComputeDevice.Cuda when CudaDeviceCount > 0 => ComputeDevice.Cuda,
        ComputeDevice.Cuda => throw new InvalidOperationException(
            $"Device 'cuda' was requested but libtorch {Version} sees no CUDA device. Use device 'cpu' or 'auto', or build libmlcnn against a CUDA libtorch."),
        _ => CudaDeviceCount > 0 ? ComputeDevice.Cuda : ComputeDevice.Cpu,
    };

    /// <summary>Native objects (tensors, networks, optimizers, losses, augmentation plans) alive now; all zero after everything is disposed.</summary>
    public static LiveHandleCounts LiveHandles
    {
        get
        {
            NativeCheck.Check(NativeMethods.LiveHandles(out var tensors, out var models, out var optims, out var losses, out var augments, out var groups),
                "counting live handles");
            return new LiveHandleCounts(tensors, models, optims, losses, augments, groups);
        }
    }
}

/// <summary>Counts of live native objects.</summary>
/// <param name="Tensors">Live tensors.</param>
/// <param name="Networks">Live networks.</param>
/// <param name="Optimizers">Live optimizers.</param>
/// <param name="Losses">Live loss functions.</param>
/// <param name="Augmentations">Live augmentation plans.</param>
/// <param name="Groups">Live process groups.</param>
public readonly record struct LiveHandleCounts(long Tensors, long Networks, long Optimizers, long Losses, long Augmentations, long Groups)
{
    /// <summary>The sum of all counts.</summary>
    public long Total => Tensors + Networks + Optimizers + Losses + Augmentations + Groups;
}
