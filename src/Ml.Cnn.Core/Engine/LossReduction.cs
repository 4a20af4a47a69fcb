namespace Ml.Cnn.Engine;

/// <summary>
/// How per-example losses l_i become the batch loss. With example weights e_i (1 when there is no weight column), N rows,
/// K values per example for element-wise losses (1 otherwise) and each loss's normalizer m_i (the class weight of the label
/// for cross-entropy, focal and triplet, as PyTorch; K for element-wise losses):
/// </summary>
public enum LossReduction
{
    /// <summary>PyTorch's weighted mean sum(e·l) / sum(e·m); 0 for a batch whose weights are all 0. The default.</summary>
    Mean = 0,

    /// <summary>Keras' sum(e·l) / (N·K): weights scale the loss but do not renormalize it.</summary>
    SumOverBatchSize = 1,

    /// <summary>The plain sum sum(e·l).</summary>
    Sum = 2,
}
