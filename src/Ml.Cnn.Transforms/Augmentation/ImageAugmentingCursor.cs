using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>A cursor of <see cref="ImageAugmentingDataView"/>: moves the input cursor (which it disposes) and passes its values through.</summary>
/// <param name="binding">The augmentations bound to the input's schema.</param>
/// <param name="input">The input cursor.</param>
internal sealed class ImageAugmentingCursor(ImageAugmentingBinding binding, DataViewRowCursor input) : DataViewRowCursor
{
    /// <inheritdoc/>
    public override DataViewSchema Schema => binding.OutputSchema;

    /// <inheritdoc/>
    public override long Position => input.Position;

    /// <inheritdoc/>
    public override long Batch => input.Batch;

    /// <inheritdoc/>
    public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

    /// <inheritdoc/>
    public override bool IsColumnActive(DataViewSchema.Column column) => input.IsColumnActive(binding.InputColumn(column));

    /// <inheritdoc/>
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => input.GetGetter<TValue>(binding.InputColumn(column));

    /// <inheritdoc/>
    public override bool MoveNext() => input.MoveNext();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) input.Dispose();
        base.Dispose(disposing);
    }
}
