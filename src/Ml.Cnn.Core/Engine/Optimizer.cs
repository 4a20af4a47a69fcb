using Ml.Cnn.Native;

namespace Ml.Cnn.Engine;

/// <summary>A libtorch optimizer bound to the parameters of one <see cref="Network"/>.</summary>
public sealed class Optimizer : IDisposable
{
    private Optimizer(OptimHandle handle) => Handle = handle;

    internal OptimHandle Handle { get; }

    /// <summary>Adam with PyTorch's semantics (L2 weight decay added to the gradient).</summary>
    /// <param name="network">The network whose parameters it updates.</param>
    /// <param name="learningRate">Step size.</param>
    /// <param name="beta1">First-moment decay.</param>
    /// <param name="beta2">Second-moment decay.</param>
    /// <param name="epsilon">Denominator term.</param>
    /// <param name="weightDecay">L2 penalty.</param>
    public static Optimizer Adam(Network network, double learningRate, double beta1 = 0.9, double beta2 = 0.999,
        double epsilon = 1e-8, double weightDecay = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        NativeCheck.Check(NativeMethods.OptimAdam(network.Handle, learningRate, beta1, beta2, epsilon, weightDecay, out var h), "creating Adam");
        return new Optimizer(h);
    }

    /// <summary>SGD with PyTorch's semantics (momentum buffer, optional Nesterov).</summary>
    /// <param name="network">The network whose parameters it updates.</param>
    /// <param name="learningRate">Step size.</param>
    /// <param name="momentum">Momentum factor (0 = plain SGD).</param>
    /// <param name="weightDecay">L2 penalty.</param>
    /// <param name="nesterov">Nesterov momentum.</param>
    public static Optimizer Sgd(Network network, double learningRate, double momentum = 0, double weightDecay = 0, bool nesterov = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        NativeCheck.Check(NativeMethods.OptimSgd(network.Handle, learningRate, momentum, weightDecay, nesterov ? 1 : 0, out var h), "creating SGD");
        return new Optimizer(h);
    }

    /// <summary>Sets the learning rate of every parameter group.</summary>
    /// <param name="learningRate">The new rate.</param>
    public void SetLearningRate(double learningRate) =>
        NativeCheck.Check(NativeMethods.OptimSetLr(Handle, learningRate), "setting the learning rate");

    /// <summary>Frees the native optimizer.</summary>
    public void Dispose() => Handle.Dispose();
}
