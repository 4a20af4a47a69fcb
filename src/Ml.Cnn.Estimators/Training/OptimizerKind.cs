namespace Ml.Cnn.Training;

/// <summary>The optimizers of the multiclass trainer (PyTorch semantics).</summary>
public enum OptimizerKind
{
    /// <summary>Adam (betas 0.9, 0.999; epsilon 1e-8).</summary>
    Adam,

    /// <summary>Stochastic gradient descent with momentum (see <see cref="CnnTrainerOptions.Momentum"/>).</summary>
    Sgd,
}
