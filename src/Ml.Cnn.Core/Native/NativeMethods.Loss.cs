using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_loss_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LossCreate(string spec, float* classWeights, long classWeightCount, int reduction, out LossHandle loss);

    [LibraryImport(Library, EntryPoint = "mlcnn_loss_free")]
    internal static partial int LossFree(IntPtr loss);

    [LibraryImport(Library, EntryPoint = "mlcnn_loss_compute")]
    internal static partial int LossCompute(LossHandle loss, TensorHandle output, float* target, long targetColumns, float* weights,
        out float value, out TensorHandle gradient);

    [LibraryImport(Library, EntryPoint = "mlcnn_loss_compute")]
    internal static partial int LossValue(LossHandle loss, TensorHandle output, float* target, long targetColumns, float* weights,
        out float value, IntPtr noGradient);
}
