using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>The row-to-row mapper of <see cref="ImageAugmentingTransformer"/> (what PredictionEngine uses): the identity under the annotated schema.</summary>
/// <param name="binding">The augmentations bound to the input schema.</param>
internal sealed class ImageAugmentingRowMapper(ImageAugmentingBinding binding) : IRowToRowMapper
{
    /// <inheritdoc/>
    public DataViewSchema InputSchema => binding.InputSchema;

    /// <inheritdoc/>
    public DataViewSchema OutputSchema => binding.OutputSchema;

    /// <inheritdoc/>
    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        binding.InputColumns(dependingColumns);

    /// <inheritdoc/>
    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Schema != binding.InputSchema)
            throw new ArgumentException("The row's schema is not the schema this augmentation mapper was made for; " +
                "get a mapper with GetRowToRowMapper(row.Schema).", nameof(input));
        return new ImageAugmentingRow(binding, input);
    }
}
