namespace Ml.Cnn.Sweeps;

/// <summary>
/// One dimension of a <see cref="SearchSpace"/>: a name (for the CLI, an <c>mlcnn train</c> option name) and the values
/// it may take, optionally only when another parameter has one of some values (<see cref="When"/>).
/// </summary>
/// <param name="Name">The parameter's name, unique in its space.</param>
public abstract record ParameterRange(string Name)
{
    /// <summary>The condition under which the parameter is sampled; null (the default) samples it in every trial.</summary>
    public ParameterCondition? When { get; init; }

    /// <summary>Whether the range is log-scaled (its samplers work on the logarithm).</summary>
    public virtual bool IsLog => false;

    /// <summary>Checks the bounds or values; throws naming the parameter when they are unusable.</summary>
    /// <exception cref="ArgumentException">The range is empty, reversed, not finite or (log) not positive.</exception>
    public abstract void Validate();

    /// <summary>The value a draw of the range gives as a stored, comparable object: double, int, string or bool.</summary>
    /// <param name="value">A value from storage or JSON.</param>
    public abstract object Normalize(object value);
}
