namespace Ml.Cnn.Sweeps;

/// <summary>One of a list of values: text, numbers or Booleans (JSON: <c>{"choice": ["adam", "sgd"]}</c>).</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Values">The values, at least one, no two equal.</param>
public sealed record ChoiceRange(string Name, IReadOnlyList<object> Values) : ParameterRange(Name)
{
    /// <inheritdoc/>
    public override void Validate()
    {
        if (Values.Count == 0) throw new ArgumentException($"Parameter '{Name}': a choice needs at least one value.");
        foreach (var value in Values)
            if (value is not (string or double or int or bool))
                throw new ArgumentException($"Parameter '{Name}': choice values must be text, numbers or true/false (got {value?.GetType().Name ?? "null"}).");
        for (var i = 0; i < Values.Count; i++)
            for (var j = i + 1; j < Values.Count; j++)
                if (ParameterValues.AreEqual(Values[i], Values[j]))
                    throw new ArgumentException($"Parameter '{Name}': the choice lists {ParameterValues.Format(Values[i])} twice.");
    }

    /// <summary>The index of a value among <see cref="Values"/>, or -1.</summary>
    /// <param name="value">A value.</param>
    public int IndexOf(object value)
    {
        for (var i = 0; i < Values.Count; i++)
            if (ParameterValues.AreEqual(Values[i], value)) return i;
        return -1;
    }

    /// <inheritdoc/>
    public override object Normalize(object value)
    {
        var index = IndexOf(value);
        return index >= 0 ? Values[index] : throw new ArgumentException($"Parameter '{Name}': {ParameterValues.Format(value)} is not one of its choices.");
    }
}
