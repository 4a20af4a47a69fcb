using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_augment_create")]
    internal static partial int AugmentCreate(out AugmentHandle augment);

    [LibraryImport(Library, EntryPoint = "mlcnn_augment_free")]
    internal static partial int AugmentFree(IntPtr augment);

    [LibraryImport(Library, EntryPoint = "mlcnn_augment_clear")]
    internal static partial int AugmentClear(AugmentHandle augment);

    [LibraryImport(Library, EntryPoint = "mlcnn_augment_add")]
    internal static partial int AugmentAdd(AugmentHandle augment, int kind, float* parameters, long rows, long columns, int fill,
        int interpolation, float value);

    [LibraryImport(Library, EntryPoint = "mlcnn_augment_apply_u8")]
    internal static partial int AugmentApplyU8(AugmentHandle augment, byte* x, long n, long c, long h, long w, byte* output,
        float* targets, long targetColumns);
}
