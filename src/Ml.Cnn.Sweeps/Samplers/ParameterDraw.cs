namespace Ml.Cnn.Sweeps;

/// <summary>Draws one value of a range uniformly (in log space for log ranges), and walks a space honouring conditions.</summary>
internal static class ParameterDraw
{
    /// <summary>A uniform draw of the range.</summary>
    public static object Uniform(ParameterRange range, Random random) => range switch
    {
        ChoiceRange c => c.Values[random.Next(c.Values.Count)],
        NumericRange n => n.FromInternal(n.InternalBounds.Low + random.NextDouble() * (n.InternalBounds.High - n.InternalBounds.Low)),
        _ => throw new NotSupportedException($"Parameter '{range.Name}': unknown range kind {range.GetType().Name}."),
    };

    /// <summary>Draws every active parameter of the space in order with <paramref name="draw"/> (a parameter whose condition fails is left out).</summary>
    public static TrialParameters Walk(SearchSpace space, Func<ParameterRange, object> draw)
    {
        var drawn = new Dictionary<string, object>();
        var ordered = new List<KeyValuePair<string, object>>();
        foreach (var range in space)
        {
            if (range.When is { } when && !when.Holds(drawn)) continue;
            var value = draw(range);
            drawn[range.Name] = value;
            ordered.Add(new(range.Name, value));
        }
        return new TrialParameters(ordered);
    }
}
