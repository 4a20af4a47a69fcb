namespace Ml.Cnn.Sweeps;

/// <summary>Real values spread evenly between the bounds (JSON: <c>{"uniform": [low, high]}</c>).</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Low">The smallest value.</param>
/// <param name="High">The largest value.</param>
public sealed record UniformRange(string Name, double Low, double High) : NumericRange(Name, Low, High);
