using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>A row of <see cref="ImageAugmentingRowMapper"/>: the input row (not owned) under the annotated schema, values unchanged.</summary>
/// <param name="binding">The augmentations bound to the input's schema.</param>
/// <param name="input">The input row.</param>
internal sealed class ImageAugmentingRow(ImageAugmentingBinding binding, DataViewRow input) : DataViewRow
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
}
