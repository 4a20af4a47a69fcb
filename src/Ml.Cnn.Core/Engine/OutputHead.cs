namespace Ml.Cnn.Engine;

/// <summary>The activation that turns a network's raw outputs into what a task predicts.</summary>
public enum OutputHead
{
    /// <summary>The raw outputs (regression).</summary>
    Identity = 0,

    /// <summary>Softmax over the outputs: class probabilities (multiclass).</summary>
    Softmax = 1,

    /// <summary>Sigmoid of each output: independent probabilities (binary, multilabel).</summary>
    Sigmoid = 2,

    /// <summary>The output vector divided by its L2 norm (embeddings).</summary>
    L2Normalize = 3,
}
