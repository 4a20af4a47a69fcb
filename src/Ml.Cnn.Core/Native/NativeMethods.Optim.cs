using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_optim_adam")]
    internal static partial int OptimAdam(ModelHandle model, double lr, double beta1, double beta2, double eps,
        double weightDecay, out OptimHandle optimizer);

    [LibraryImport(Library, EntryPoint = "mlcnn_optim_sgd")]
    internal static partial int OptimSgd(ModelHandle model, double lr, double momentum, double weightDecay, int nesterov,
        out OptimHandle optimizer);

    [LibraryImport(Library, EntryPoint = "mlcnn_optim_set_lr")]
    internal static partial int OptimSetLr(OptimHandle optimizer, double lr);

    [LibraryImport(Library, EntryPoint = "mlcnn_optim_free")]
    internal static partial int OptimFree(IntPtr optimizer);
}
