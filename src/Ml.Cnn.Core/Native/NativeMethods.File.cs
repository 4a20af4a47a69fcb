using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "mlcnn_file_stat", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FileStat(string path, int followLinks, out int kind, out ulong device, out ulong inode, out int mode);
}
