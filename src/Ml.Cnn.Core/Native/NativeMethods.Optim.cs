using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_optim_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OptimCreate(ModelHandle model, string spec, out OptimHandle optimizer);

    [LibraryImport(Library, EntryPoint = "mlcnn_optim_set_lr")]
    internal static partial int OptimSetLr(OptimHandle optimizer, double learningRate);

    [LibraryImport(Library, EntryPoint = "mlcnn_optim_save")]
    internal static partial int OptimSave(OptimHandle optimizer, byte* output, long capacity, out long size);

    [LibraryImport(Library, EntryPoint = "mlcnn_optim_load")]
    internal static partial int OptimLoad(OptimHandle optimizer, byte* data, long size);

    [LibraryImport(Library, EntryPoint = "mlcnn_optim_free")]
    internal static partial int OptimFree(IntPtr optimizer);

    [LibraryImport(Library, EntryPoint = "mlcnn_optim_loss_scale")]
    internal static partial int OptimLossScale(OptimHandle optimizer, out double scale);
}
