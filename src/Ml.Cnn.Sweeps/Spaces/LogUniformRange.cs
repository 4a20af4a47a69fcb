namespace Ml.Cnn.Sweeps;

/// <summary>Positive real values whose logarithm is spread evenly (JSON: <c>{"loguniform": [low, high]}</c>), as learning rates are swept.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Low">The smallest value (greater than 0).</param>
/// <param name="High">The largest value.</param>
public sealed record LogUniformRange(string Name, double Low, double High) : NumericRange(Name, Low, High)
{
    /// <inheritdoc/>
    public override bool IsLog => true;
}
