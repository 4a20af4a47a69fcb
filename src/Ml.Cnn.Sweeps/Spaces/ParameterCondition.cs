namespace Ml.Cnn.Sweeps;

/// <summary>A parameter is sampled only when <paramref name="Parent"/> took one of <paramref name="Values"/> (e.g. momentum only with SGD).</summary>
/// <param name="Parent">The name of a parameter declared before it in the space.</param>
/// <param name="Values">The parent's values that make the parameter active.</param>
public sealed record ParameterCondition(string Parent, IReadOnlyList<object> Values)
{
    /// <summary>Whether the parameters drawn so far activate the dependent parameter.</summary>
    /// <param name="drawn">The values drawn so far in this trial.</param>
    public bool Holds(IReadOnlyDictionary<string, object> drawn) =>
        drawn.TryGetValue(Parent, out var value) && Values.Any(v => ParameterValues.AreEqual(v, value));
}
