using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.MlNet;
using Ml.Cnn.Transforms;

namespace Ml.Cnn;

/// <summary>A stratified train/test split on ML.NET's <see cref="DataOperationsCatalog"/>: <c>mlContext.Data.StratifiedTrainTestSplit(...)</c>.</summary>
public static class StratifiedSplitCatalogExtensions
{
    /// <summary>
    /// Splits the rows so each class keeps its proportion in both parts: per class (classes in ordinal order of their
    /// names), the rows are shuffled with the seed and round(testFraction × count) of them go to Test — at least one and at
    /// most count − 1 when the class has two rows or more; a class with one row stays in Train. Rows missing a label (key 0,
    /// empty text) form a class of their own. A key label's class is its key value. The split streams: one pass over the
    /// label column alone (no image is read) collects row ids and labels, and each part is the input filtered by row id as
    /// its cursors move, in the input's order, with the input's schema and a known row count.
    /// </summary>
    /// <param name="catalog">ML.NET's data catalog.</param>
    /// <param name="data">The data to split; its row ids must be stable, as ML.NET's data views' are.</param>
    /// <param name="testFraction">The fraction of each class that goes to Test, in (0, 1).</param>
    /// <param name="labelColumnName">The label column: a key, Text or Boolean.</param>
    /// <param name="seed">The shuffling seed; null draws one from the context (<c>new MLContext(seed: s)</c> makes it repeatable).</param>
    /// <returns>The two parts; together they hold every row once.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1), or the label column is missing or of another type.</exception>
    public static DataOperationsCatalog.TrainTestData StratifiedTrainTestSplit(this DataOperationsCatalog catalog, IDataView data,
        double testFraction, string labelColumnName = DefaultColumnNames.Label, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        StratifiedSelection.CheckFraction(testFraction);
        var (ids, labels) = StratifiedLabels.Read(data, labelColumnName);
        var random = new Random(seed ?? MlNetEnvironment.DrawSeed(MlNetEnvironment.Of(catalog), StratifiedLabels.Component));
        var test = StratifiedSelection.TestRows(labels, testFraction, random);
        RequireDistinct(ids);
        var testIds = new HashSet<DataViewRowId>(Enumerable.Range(0, ids.Count).Where(i => test[i]).Select(i => ids[i]));
        return MlNetTrainTestData.Create(
            new RowIdFilterDataView(data, testIds, keep: false, ids.Count - testIds.Count),
            new RowIdFilterDataView(data, testIds, keep: true, testIds.Count));
    }

    private static void RequireDistinct(List<DataViewRowId> ids)
    {
        var sorted = ids.ToArray();
        Array.Sort(sorted);
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i].Equals(sorted[i - 1]))
                throw new InvalidOperationException(
                    $"{StratifiedLabels.Component} tells rows apart by their row ids, but the data gives two rows the id {sorted[i]}. " +
                    "Split data whose cursors give each row its own id (ML.NET's loaders and transforms do).");
    }
}
