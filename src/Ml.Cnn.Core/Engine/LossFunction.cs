using Ml.Cnn.Native;

namespace Ml.Cnn.Engine;

/// <summary>
/// A loss evaluated by libtorch: a loss spec (one <c>kind key=value ...</c> line per term, as written by the Loss catalog),
/// class weights and a reduction. Used by the training step and, for checks and evaluation, on its own.
/// </summary>
public sealed unsafe class LossFunction : IDisposable
{
    /// <summary>Parses the spec; an invalid spec throws <see cref="CnnNativeException"/> naming the line and key.</summary>
    /// <param name="spec">The loss spec (see native/include/mlcnn.h).</param>
    /// <param name="classWeights">Class weights, or empty for none.</param>
    /// <param name="reduction">The reduction.</param>
    public LossFunction(string spec, ReadOnlySpan<float> classWeights, LossReduction reduction)
    {
        ArgumentNullException.ThrowIfNull(spec);
        fixed (float* w = classWeights)
        {
            NativeCheck.Check(NativeMethods.LossCreate(spec, classWeights.IsEmpty ? null : w, classWeights.Length, (int)reduction, out var handle),
                "creating the loss");
            Handle = handle;
        }
        Spec = spec;
    }

    /// <summary>The spec this loss was built from.</summary>
    public string Spec { get; }

    internal LossHandle Handle { get; }

    /// <summary>The loss of outputs [n, k] against row-major targets [n, <paramref name="targetColumns"/>].</summary>
    /// <param name="output">Network outputs [n, k].</param>
    /// <param name="target">Targets, row-major.</param>
    /// <param name="targetColumns">Target values per row.</param>
    /// <param name="weights">n example weights, or empty for none.</param>
    public float Compute(Tensor output, ReadOnlySpan<float> target, int targetColumns, ReadOnlySpan<float> weights = default) =>
        Run(output, target, targetColumns, weights, withGradient: false).Loss;

    /// <summary>The loss and its gradient with respect to <paramref name="output"/> (a new tensor the caller disposes).</summary>
    /// <param name="output">Network outputs [n, k].</param>
    /// <param name="target">Targets, row-major.</param>
    /// <param name="targetColumns">Target values per row.</param>
    /// <param name="weights">n example weights, or empty for none.</param>
    public (float Loss, Tensor Gradient) ComputeWithGradient(Tensor output, ReadOnlySpan<float> target, int targetColumns,
        ReadOnlySpan<float> weights = default)
    {
        var (loss, gradient) = Run(output, target, targetColumns, weights, withGradient: true);
        return (loss, gradient!);
    }

    /// <summary>Frees the native loss.</summary>
    public void Dispose() => Handle.Dispose();

    private (float Loss, Tensor? Gradient) Run(Tensor output, ReadOnlySpan<float> target, int targetColumns, ReadOnlySpan<float> weights,
        bool withGradient)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rows = output.Shape[0];
        if (targetColumns < 1 || target.Length != rows * targetColumns)
            throw new ArgumentException($"{target.Length} target values for {rows} rows × {targetColumns} column(s).", nameof(target));
        if (!weights.IsEmpty && weights.Length != rows) throw new ArgumentException($"{weights.Length} weights for {rows} rows.", nameof(weights));
        fixed (float* y = target)
        fixed (float* w = weights)
        {
            if (!withGradient)
            {
                NativeCheck.Check(NativeMethods.LossValue(Handle, output.Handle, y, targetColumns, weights.IsEmpty ? null : w, out var value, IntPtr.Zero), "loss");
                return (value, null);
            }
            NativeCheck.Check(NativeMethods.LossCompute(Handle, output.Handle, y, targetColumns, weights.IsEmpty ? null : w, out var loss, out var gradient), "loss");
            return (loss, new Tensor(gradient));
        }
    }
}
