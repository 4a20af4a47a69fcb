using System.Globalization;
using Ml.Cnn.Native;

namespace Ml.Cnn.Engine;

/// <summary>
/// A libtorch optimizer bound to the parameters of one <see cref="Network"/>, built from a one-line spec such as
/// <c>sgd lr=0.1 momentum=0.9 nesterov=1</c> (see native/include/mlcnn.h: sgd, adam, adamw, adagrad, rmsprop with
/// PyTorch's semantics and defaults, plus l1, l1_all, clip_value, clip_norm applied by the training step).
/// </summary>
public sealed unsafe class Optimizer : IDisposable
{
    private Optimizer(OptimHandle handle, string spec)
    {
        Handle = handle;
        Spec = spec;
    }

    /// <summary>The spec this optimizer was built from.</summary>
    public string Spec { get; }

    internal OptimHandle Handle { get; }

    /// <summary>Builds an optimizer from a spec; an invalid spec throws <see cref="CnnNativeException"/> naming the key.</summary>
    /// <param name="network">The network whose parameters it updates.</param>
    /// <param name="spec">The optimizer spec.</param>
    public static Optimizer Create(Network network, string spec)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(spec);
        NativeCheck.Check(NativeMethods.OptimCreate(network.Handle, spec, out var handle), "creating the optimizer");
        return new Optimizer(handle, spec);
    }

    /// <summary>Adam with PyTorch's semantics (L2 weight decay added to the gradient).</summary>
    /// <param name="network">The network whose parameters it updates.</param>
    /// <param name="learningRate">Step size.</param>
    /// <param name="weightDecay">L2 penalty.</param>
    public static Optimizer Adam(Network network, double learningRate, double weightDecay = 0) =>
        Create(network, FormattableString.Invariant($"adam lr={learningRate:R} weight_decay={weightDecay:R}"));

    /// <summary>SGD with PyTorch's semantics (momentum buffer).</summary>
    /// <param name="network">The network whose parameters it updates.</param>
    /// <param name="learningRate">Step size.</param>
    /// <param name="momentum">Momentum factor (0 = plain SGD).</param>
    /// <param name="weightDecay">L2 penalty.</param>
    public static Optimizer Sgd(Network network, double learningRate, double momentum = 0, double weightDecay = 0) =>
        Create(network, string.Create(CultureInfo.InvariantCulture, $"sgd lr={learningRate:R} momentum={momentum:R} weight_decay={weightDecay:R}"));

    /// <summary>Sets the learning rate of every parameter group.</summary>
    /// <param name="learningRate">The new rate.</param>
    public void SetLearningRate(double learningRate) =>
        NativeCheck.Check(NativeMethods.OptimSetLr(Handle, learningRate), "setting the learning rate");

    /// <summary>The dynamic loss scale of <see cref="TrainingPrecision.Float16"/> steps: 65536 at the first step, halved after each step whose gradients overflow, doubled after 2000 good steps; 0 before any float16 step.</summary>
    public double LossScale
    {
        get
        {
            NativeCheck.Check(NativeMethods.OptimLossScale(Handle, out var scale), "reading the loss scale");
            return scale;
        }
    }

    /// <summary>The optimizer's state (moment buffers, step counts) as bytes, for checkpoints.</summary>
    public byte[] SaveState()
    {
        NativeCheck.Check(NativeMethods.OptimSave(Handle, null, 0, out var size), "saving the optimizer state");
        var bytes = new byte[size];
        fixed (byte* p = bytes) NativeCheck.Check(NativeMethods.OptimSave(Handle, p, bytes.Length, out _), "saving the optimizer state");
        return bytes;
    }

    /// <summary>Restores a state written by <see cref="SaveState"/> for the same network and optimizer kind.</summary>
    /// <param name="state">The bytes.</param>
    public void LoadState(ReadOnlySpan<byte> state)
    {
        fixed (byte* p = state) NativeCheck.Check(NativeMethods.OptimLoad(Handle, p, state.Length), "loading the optimizer state");
    }

    /// <summary>Frees the native optimizer.</summary>
    public void Dispose() => Handle.Dispose();
}
