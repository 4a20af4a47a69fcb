using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_tensor_from_f32")]
    internal static partial int TensorFromF32(float* data, long* shape, int ndim, out TensorHandle tensor);

    [LibraryImport(Library, EntryPoint = "mlcnn_tensor_ndim")]
    internal static partial int TensorNdim(TensorHandle tensor, out int ndim);

    [LibraryImport(Library, EntryPoint = "mlcnn_tensor_shape")]
    internal static partial int TensorShape(TensorHandle tensor, long* shape, int capacity);

    [LibraryImport(Library, EntryPoint = "mlcnn_tensor_copy_f32")]
    internal static partial int TensorCopyF32(TensorHandle tensor, float* destination, long count);

    [LibraryImport(Library, EntryPoint = "mlcnn_tensor_free")]
    internal static partial int TensorFree(IntPtr tensor);
}
