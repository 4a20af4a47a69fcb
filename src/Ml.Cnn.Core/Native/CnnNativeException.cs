namespace Ml.Cnn;

/// <summary>An error reported by libtorch (through libmlcnn): the operation and libtorch's own message.</summary>
public sealed class CnnNativeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What MlCnn was doing, e.g. "forward pass".</param>
    /// <param name="nativeMessage">The message from libtorch.</param>
    public CnnNativeException(string operation, string nativeMessage)
        : base($"{operation} failed in libtorch: {nativeMessage}")
    {
        Operation = operation;
        NativeMessage = nativeMessage;
    }

    /// <summary>What MlCnn was doing when libtorch failed.</summary>
    public string Operation { get; }

    /// <summary>libtorch's message, without its C++ backtrace.</summary>
    public string NativeMessage { get; }
}
