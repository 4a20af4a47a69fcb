using Ml.Cnn.Native;

namespace Ml.Cnn.Engine;

/// <summary>Loss functions evaluated by libtorch, for checks and evaluation outside the training step.</summary>
public static unsafe class Losses
{
    /// <summary>Cross-entropy of logits [n, classes] against class keys; weighted mean sum(w·l)/sum(w) when weights are given (PyTorch).</summary>
    /// <param name="logits">Logits [n, classes].</param>
    /// <param name="labels">n class keys.</param>
    /// <param name="weights">n example weights, or empty for the plain mean.</param>
    public static float CrossEntropy(Tensor logits, ReadOnlySpan<long> labels, ReadOnlySpan<float> weights = default)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var n = logits.Shape[0];
        if (labels.Length != n) throw new ArgumentException($"{labels.Length} labels for {n} rows of logits.", nameof(labels));
        if (!weights.IsEmpty && weights.Length != n) throw new ArgumentException($"{weights.Length} weights for {n} rows.", nameof(weights));
        fixed (long* y = labels)
        fixed (float* w = weights)
        {
            NativeCheck.Check(NativeMethods.LossCrossEntropy(logits.Handle, y, weights.IsEmpty ? null : w, out var loss), "cross-entropy");
            return loss;
        }
    }
}
