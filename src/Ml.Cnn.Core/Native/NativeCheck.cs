using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

/// <summary>The one place where a native status becomes a managed exception. No call site checks by hand.</summary>
internal static unsafe class NativeCheck
{
    /// <summary>Throws <see cref="CnnNativeException"/> with libtorch's message when <paramref name="status"/> is not 0.</summary>
    /// <param name="status">The status returned by a libmlcnn export.</param>
    /// <param name="operation">What was being done, for the message (e.g. "forward pass").</param>
    internal static void Check(int status, string operation)
    {
        if (status == 0) return;
        var message = Marshal.PtrToStringUTF8((IntPtr)NativeMethods.LastError()) ?? "no message";
        throw new CnnNativeException(operation, message.Trim());
    }
}
