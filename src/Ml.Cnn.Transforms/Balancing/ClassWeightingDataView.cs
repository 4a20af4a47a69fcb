using Microsoft.ML;

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
        return new ClassWeightingCursor(binding, input.GetRowCursor(inputColumns, rand), weightActive);
    }

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var (inputColumns, weightActive) = binding.Needs(columnsNeeded);
        return [.. input.GetRowCursorSet(inputColumns, n, rand).Select(cursor => new ClassWeightingCursor(binding, cursor, weightActive))];
    }
}
