namespace Ml.Cnn.Sweeps;

/// <summary>
/// Every combination in turn: each choice's values, and <see cref="PointsPerRange"/> evenly spaced points of each numeric
/// range (log-spaced for log ranges; integers rounded, repeats dropped). A new trial takes the first combination no
/// running, complete or pruned trial holds (so a failed trial's combination is run again); when all are taken, they repeat
/// in order. Inactive conditional parameters are dropped, so combinations differing only in them count once.
/// </summary>
/// <param name="pointsPerRange">Points per numeric range (at least 2; default 3: low, middle, high).</param>
public sealed class GridSampler(int pointsPerRange = 3) : ISampler
{
    /// <summary>Points per numeric range.</summary>
    public int PointsPerRange { get; } = pointsPerRange >= 2 ? pointsPerRange : throw new ArgumentOutOfRangeException(nameof(pointsPerRange), "A grid needs at least 2 points per range.");

    /// <inheritdoc/>
    public string Name => "grid";

    /// <inheritdoc/>
    public TrialParameters Sample(SearchSpace space, SamplingContext context)
    {
        var grid = Combinations(space);
        var taken = context.Trials.Where(t => t.State != TrialState.Failed).Select(t => t.Parameters.ToJson()).ToHashSet();
        return grid.FirstOrDefault(c => !taken.Contains(c.ToJson())) ?? grid[context.Number % grid.Count];
    }

    /// <summary>The distinct combinations, in order (the last parameter varies fastest).</summary>
    public IReadOnlyList<TrialParameters> Combinations(SearchSpace space)
    {
        var ranges = space.ToList();
        var axes = ranges.Select(Points).ToArray();
        var result = new List<TrialParameters>();
        var seen = new HashSet<string>();
        var index = new int[axes.Length];
        while (true)
        {
            var combination = ParameterDraw.Walk(space, range =>
            {
                var axis = ranges.IndexOf(range);
                return axes[axis][index[axis]];
            });
            if (seen.Add(combination.ToJson())) result.Add(combination);
            var axis = axes.Length - 1;
            while (axis >= 0 && ++index[axis] == axes[axis].Count) index[axis--] = 0;
            if (axis < 0) return result;
        }
    }

    private IReadOnlyList<object> Points(ParameterRange range)
    {
        if (range is ChoiceRange choice) return choice.Values;
        var numeric = (NumericRange)range;
        var (low, high) = (numeric.ToInternal(numeric.Low), numeric.ToInternal(numeric.High));
        var points = new List<object>();
        for (var i = 0; i < PointsPerRange; i++)
        {
            var value = numeric.FromInternal(low + (high - low) * i / (PointsPerRange - 1));
            if (!points.Any(p => ParameterValues.AreEqual(p, value))) points.Add(value);
        }
        return points;
    }
}
