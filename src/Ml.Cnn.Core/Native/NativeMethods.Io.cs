using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_io_available")]
    internal static partial int IoAvailable(out int available);

    [LibraryImport(Library, EntryPoint = "mlcnn_io_info")]
    internal static partial int IoInfo(byte* data, long size, out int width, out int height, out int channels);

    [LibraryImport(Library, EntryPoint = "mlcnn_io_decode")]
    internal static partial int IoDecode(byte* data, long size, int channels, int height, int width, int resize, byte* output, long outputCount);

    [LibraryImport(Library, EntryPoint = "mlcnn_io_encode_png")]
    internal static partial int IoEncodePng(byte* chw, int channels, int height, int width, byte* output, long capacity, out long size);
}
