namespace Ml.Cnn.Engine;

/// <summary>
/// The arithmetic of a network's training steps. With a mixed precision the forward pass runs under libtorch's autocast
/// (matrix products and convolutions in 16 bits, reductions and normalizations in float32); the loss, gradients, weights
/// and optimizer state stay float32. Predictions always run in float32.
/// </summary>
public enum TrainingPrecision
{
    /// <summary>Float32 throughout.</summary>
    Float32 = 0,

    /// <summary>Autocast to bfloat16: float32's range, so no loss scaling. On CUDA (Ampere and newer) and on CPU.</summary>
    BFloat16 = 1,

    /// <summary>Autocast to float16 with dynamic loss scaling (steps whose gradients overflow are skipped). CUDA only.</summary>
    Float16 = 2,
}
