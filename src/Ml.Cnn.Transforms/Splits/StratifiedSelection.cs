namespace Ml.Cnn.Transforms;

/// <summary>
/// Which rows of <c>StratifiedTrainTestSplit</c> go to the test part: per class
/// (classes in ordinal order), the rows are shuffled with the seeded generator and round(testFraction × count) of them
/// (midpoint rounding away from zero) go to Test — at least one and at most count − 1 when the class has two rows or more,
/// so it appears in both parts; a class with one row stays in Train.
/// </summary>
internal static class StratifiedSelection
{
    /// <summary>Throws unless the test fraction lies in (0, 1).</summary>
    /// <param name="testFraction">The fraction of each class that goes to Test.</param>
    /// <exception cref="ArgumentOutOfRangeException">It does not.</exception>
    public static void CheckFraction(double testFraction)
    {
        if (!(testFraction > 0 && testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must lie in (0, 1), e.g. 0.2.");
    }

    /// <summary>For each row, whether it goes to Test.</summary>
    /// <param name="labels">Each row's class (missing labels as one class of their own, e.g. the empty text).</param>
    /// <param name="testFraction">The fraction of each class that goes to Test, in (0, 1).</param>
    /// <param name="random">The seeded generator.</param>
    public static bool[] TestRows(IReadOnlyList<string> labels, double testFraction, Random random)
    {
        var test = new bool[labels.Count];
        var classes = Enumerable.Range(0, labels.Count).GroupBy(i => labels[i], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var rows in classes.Select(g => g.ToArray()))
        {
            random.Shuffle(rows);
            var take = rows.Length < 2 ? 0
                : Math.Clamp((int)Math.Round(testFraction * rows.Length, MidpointRounding.AwayFromZero), 1, rows.Length - 1);
            for (var i = 0; i < take; i++) test[rows[i]] = true;
        }
        return test;
    }
}
