using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

/// <summary>The libmlcnn C ABI, one partial file per area as in native/src. Raw pointers never leave this folder.</summary>
internal static unsafe partial class NativeMethods
{
    internal const string Library = "mlcnn";

    [LibraryImport(Library, EntryPoint = "mlcnn_last_error")]
    internal static partial byte* LastError();

    [LibraryImport(Library, EntryPoint = "mlcnn_live_handles")]
    internal static partial int LiveHandles(out long tensors, out long models, out long optims, out long losses, out long augments, out long groups);
}
