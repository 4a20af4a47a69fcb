using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

/// <summary>Owns a native handle and frees it exactly once with the area's <c>*_free</c>.</summary>
internal abstract class NativeHandle : SafeHandle
{
    protected NativeHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;
}

/// <summary>An <c>mlcnn_tensor*</c>.</summary>
internal sealed class TensorHandle : NativeHandle
{
    protected override bool ReleaseHandle() => NativeMethods.TensorFree(handle) == 0;
}

/// <summary>An <c>mlcnn_model*</c>.</summary>
internal sealed class ModelHandle : NativeHandle
{
    protected override bool ReleaseHandle() => NativeMethods.ModelFree(handle) == 0;
}

/// <summary>An <c>mlcnn_optim*</c>.</summary>
internal sealed class OptimHandle : NativeHandle
{
    protected override bool ReleaseHandle() => NativeMethods.OptimFree(handle) == 0;
}

/// <summary>An <c>mlcnn_loss*</c>.</summary>
internal sealed class LossHandle : NativeHandle
{
    protected override bool ReleaseHandle() => NativeMethods.LossFree(handle) == 0;
}

/// <summary>An <c>mlcnn_augment*</c>.</summary>
internal sealed class AugmentHandle : NativeHandle
{
    protected override bool ReleaseHandle() => NativeMethods.AugmentFree(handle) == 0;
}

/// <summary>An <c>mlcnn_group*</c>.</summary>
internal sealed class GroupHandle : NativeHandle
{
    protected override bool ReleaseHandle() => NativeMethods.GroupFree(handle) == 0;
}
