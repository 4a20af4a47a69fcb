using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_torch_version")]
    internal static partial int TorchVersion(out int major, out int minor, out int patch);

    [LibraryImport(Library, EntryPoint = "mlcnn_device_cuda_count")]
    internal static partial int DeviceCudaCount(out int count);

    [LibraryImport(Library, EntryPoint = "mlcnn_cpu_has_bf16")]
    internal static partial int CpuHasBFloat16(out int has);

    [LibraryImport(Library, EntryPoint = "mlcnn_device_set_threads")]
    internal static partial int DeviceSetThreads(int threads);

    [LibraryImport(Library, EntryPoint = "mlcnn_device_get_threads")]
    internal static partial int DeviceGetThreads(out int threads);

    [LibraryImport(Library, EntryPoint = "mlcnn_device_synchronize")]
    internal static partial int DeviceSynchronize(int device);

    [LibraryImport(Library, EntryPoint = "mlcnn_cpu_cache_set_limit")]
    internal static partial int CpuCacheSetLimit(long bytes);

    [LibraryImport(Library, EntryPoint = "mlcnn_cpu_cache_stats")]
    internal static partial int CpuCacheStats(out long idleBytes, out long limitBytes);
}
