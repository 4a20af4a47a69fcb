using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_train_step_u8")]
    internal static partial int TrainStepU8(ModelHandle model, OptimHandle optimizer, LossHandle loss, IntPtr noAugmentation, byte* pixels,
        long n, long c, long h, long w, float* target, long targetColumns, float* weights, out float value, float* output, long outputCount);

    [LibraryImport(Library, EntryPoint = "mlcnn_train_step_u8")]
    internal static partial int TrainStepU8Augmented(ModelHandle model, OptimHandle optimizer, LossHandle loss, AugmentHandle augmentation,
        byte* pixels, long n, long c, long h, long w, float* target, long targetColumns, float* weights, out float value, float* output,
        long outputCount);
}
