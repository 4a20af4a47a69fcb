using Microsoft.ML;

namespace Ml.Cnn.Transforms;

/// <summary>What <see cref="ImageAugmentingTransformer.Transform"/> returns: the input's rows unchanged under the annotated schema.</summary>
/// <param name="input">The input data.</param>
/// <param name="binding">The augmentations bound to the input's schema.</param>
internal sealed class ImageAugmentingDataView(IDataView input, ImageAugmentingBinding binding) : IDataView
{
    /// <inheritdoc/>
    public bool CanShuffle => input.CanShuffle;

    /// <inheritdoc/>
    public DataViewSchema Schema => binding.OutputSchema;

    /// <inheritdoc/>
    public long? GetRowCount() => input.GetRowCount();

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new ImageAugmentingCursor(binding, input.GetRowCursor(binding.InputColumns(columnsNeeded), rand));

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [.. input.GetRowCursorSet(binding.InputColumns(columnsNeeded), n, rand).Select(cursor => new ImageAugmentingCursor(binding, cursor))];
}
