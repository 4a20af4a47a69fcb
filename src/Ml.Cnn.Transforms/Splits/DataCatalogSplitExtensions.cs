using Ml.Cnn.Legacy;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Legacy;

/// <summary>Train/test splits on <see cref="DataCatalog"/>.</summary>
public static class DataCatalogSplitExtensions
{
    /// <summary>
    /// Splits the rows so each class keeps its proportion in both parts: per class (classes in ordinal order), the rows are
    /// shuffled with the seed and round(testFraction × count) of them (midpoint rounding away from zero) go to Test —
    /// at least one and at most count − 1 when the class has two rows or more, so it appears in both parts; a class with
    /// one row stays in Train. Rows missing a label form a class of their own. Both parts keep the original row order.
    /// Image files are not read: the image column of each part holds its rows' paths (or pixels).
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="data">The data to split.</param>
    /// <param name="testFraction">The fraction of each class that goes to Test, in (0, 1).</param>
    /// <param name="labelColumnName">The label column (text or bool).</param>
    /// <param name="seed">The shuffling seed; null uses the context's seed.</param>
    /// <returns>The two parts; together they hold every row once.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not in (0, 1).</exception>
    public static (DataView Train, DataView Test) StratifiedSplit(this DataCatalog catalog, DataView data, double testFraction,
        string labelColumnName = DefaultColumnNames.Label, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        StratifiedSelection.CheckFraction(testFraction);
        var labels = LabelValues.Read(data, labelColumnName, "StratifiedSplit");
        var test = StratifiedSelection.TestRows([.. labels.Select(l => l ?? "")], testFraction, new Random(seed ?? catalog.Context.Seed));
        var trainRows = Enumerable.Range(0, labels.Count).Where(i => !test[i]).ToArray();
        var testRows = Enumerable.Range(0, labels.Count).Where(i => test[i]).ToArray();
        return (data.Select(trainRows), data.Select(testRows));
    }
}
