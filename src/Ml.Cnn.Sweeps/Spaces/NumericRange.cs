using System.Globalization;

namespace Ml.Cnn.Sweeps;

/// <summary>A range of numbers from <see cref="Low"/> to <see cref="High"/> (both included).</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Low">The smallest value.</param>
/// <param name="High">The largest value.</param>
public abstract record NumericRange(string Name, double Low, double High) : ParameterRange(Name)
{
    /// <summary>Whether values are whole numbers.</summary>
    public virtual bool IsInteger => false;

    /// <inheritdoc/>
    public override void Validate()
    {
        if (!double.IsFinite(Low) || !double.IsFinite(High) || Low > High)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Parameter '{Name}': the range [{Low}, {High}] must be finite with low <= high."));
        if (IsLog && Low <= 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Parameter '{Name}': a log range needs low > 0 (got {Low})."));
        if (IsInteger && (Low != Math.Floor(Low) || High != Math.Floor(High)))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Parameter '{Name}': an integer range needs whole bounds (got [{Low}, {High}])."));
    }

    /// <summary>The value in the sampler's space: its logarithm for log ranges, else itself.</summary>
    /// <param name="value">A value of the range.</param>
    public double ToInternal(double value) => IsLog ? Math.Log(value) : value;

    /// <summary>A value of the range from the sampler's space: clamped to the bounds, rounded for integers.</summary>
    /// <param name="internalValue">A value in the sampler's space.</param>
    public object FromInternal(double internalValue)
    {
        var value = Math.Clamp(IsLog ? Math.Exp(internalValue) : internalValue, Low, High);
        return IsInteger ? (object)(int)Math.Round(value, MidpointRounding.AwayFromZero) : value;
    }

    /// <summary>The sampler's bounds: the logarithms for log ranges; integers widened by a half on each side.</summary>
    public (double Low, double High) InternalBounds =>
        IsInteger ? (ToInternal(IsLog ? Math.Max(Low - 0.5, Low / 2) : Low - 0.5), ToInternal(High + 0.5)) : (ToInternal(Low), ToInternal(High));

    /// <inheritdoc/>
    public override object Normalize(object value)
    {
        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        return IsInteger ? (object)(int)Math.Round(number) : number;
    }
}
