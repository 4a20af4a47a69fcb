namespace Ml.Cnn.Sweeps;

/// <summary>Whole numbers between the bounds (JSON: <c>{"int": [low, high]}</c>, or <c>{"logint": [low, high]}</c> spread by logarithm).</summary>
public sealed record IntegerRange : NumericRange
{
    /// <summary>A range of whole numbers.</summary>
    /// <param name="name">The parameter's name.</param>
    /// <param name="low">The smallest value.</param>
    /// <param name="high">The largest value.</param>
    /// <param name="log">Whether the logarithm is spread evenly (default false).</param>
    public IntegerRange(string name, int low, int high, bool log = false) : base(name, low, high) => Log = log;

    /// <summary>Whether the logarithm is spread evenly.</summary>
    public bool Log { get; }

    /// <inheritdoc/>
    public override bool IsInteger => true;

    /// <inheritdoc/>
    public override bool IsLog => Log;
}
