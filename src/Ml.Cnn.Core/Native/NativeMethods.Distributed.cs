using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_group_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GroupCreate(int backend, int rank, int world, string host, int port, long timeoutMilliseconds, out GroupHandle group);

    [LibraryImport(Library, EntryPoint = "mlcnn_group_free")]
    internal static partial int GroupFree(IntPtr group);

    [LibraryImport(Library, EntryPoint = "mlcnn_group_broadcast_model")]
    internal static partial int GroupBroadcastModel(GroupHandle group, ModelHandle model);

    [LibraryImport(Library, EntryPoint = "mlcnn_group_allreduce_sum")]
    internal static partial int GroupAllReduceSum(GroupHandle group, double* values, long count);

    [LibraryImport(Library, EntryPoint = "mlcnn_group_barrier")]
    internal static partial int GroupBarrier(GroupHandle group);

    [LibraryImport(Library, EntryPoint = "mlcnn_group_allreduce_seconds")]
    internal static partial int GroupAllReduceSeconds(GroupHandle group, out double seconds);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_set_group")]
    internal static partial int ModelSetGroup(ModelHandle model, IntPtr group);

    [LibraryImport(Library, EntryPoint = "mlcnn_model_set_sync_batchnorm")]
    internal static partial int ModelSetSyncBatchNorm(ModelHandle model, int enabled);
}
