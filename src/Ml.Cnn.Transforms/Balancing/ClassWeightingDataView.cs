using Microsoft.ML;
using Ml.Cnn.MlNet;

namespace Ml.Cnn.Transforms;

/// <summary>
/// What <see cref="ClassWeightingTransformer.Transform"/> returns: the input's rows with the weight column added, computed
/// per row as cursors move (nothing is materialized).
/// </summary>
/// <param name="input">The input data.</param>
/// <param name="binding">The weights bound to the input's schema.</param>
internal sealed class ClassWeightingDataView(IDataView input, ClassWeightingBinding binding) : IDataView
{
    /// <inheritdoc/>
    public bool CanShuffle => input.CanShuffle;

    /// <inheritdoc/>
    public DataViewSchema Schema => binding.OutputSchema;

    /// <inheritdoc/>
    public long? GetRowCount() => input.GetRowCount();

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var (inputColumns, weightActive) = binding.Needs(columnsNeeded);
        var cursor = input.GetRowCursor(inputColumns, rand);
        return new MappedCursor(cursor, new ClassWeightingMapping(binding, cursor, weightActive));
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var (inputColumns, weightActive) = binding.Needs(columnsNeeded);
        return [.. input.GetRowCursorSet(inputColumns, n, rand).Select(cursor => new MappedCursor(cursor, new ClassWeightingMapping(binding, cursor, weightActive)))];
    }
}
