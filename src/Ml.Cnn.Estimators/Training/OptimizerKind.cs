namespace Ml.Cnn.Training;

/// <summary>The optimizers of the CNN trainers, with PyTorch's semantics and defaults.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (betas 0.9, 0.999; epsilon 1e-8; weight decay added to the gradient, i.e. L2).</summary>
    Adam,

    /// <summary>Stochastic gradient descent with momentum, dampening and optional Nesterov momentum.</summary>
    Sgd,

    /// <summary>AdamW: Adam with decoupled weight decay (PyTorch's default decay 0.01).</summary>
    AdamW,

    /// <summary>AdaGrad (epsilon 1e-10).</summary>
    AdaGrad,

    /// <summary>RMSprop (alpha 0.99, epsilon 1e-8; optionally centered, with momentum).</summary>
    RmsProp,
}
