using Microsoft.ML;
using Ml.Cnn.Augmentation;
using Ml.Cnn.Features;

namespace Ml.Cnn.Transforms;

/// <summary>
/// An <see cref="ImageAugmentingTransformer"/> bound to one input schema: the checked image column and the output schema,
/// which is the input schema with the image column's <see cref="AugmentationAnnotation.Kind"/> annotation holding the
/// augmentations annotated before plus this transformer's own (columns keep their indices, so values pass through).
/// </summary>
internal sealed class ImageAugmentingBinding
{
    /// <summary>Binds the augmentations to an input schema.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <param name="imageColumnName">The image column.</param>
    /// <param name="augmentations">This transformer's augmentations, appended to those already annotated.</param>
    /// <exception cref="ArgumentOutOfRangeException">The image column is missing or not an image column (the message names it).</exception>
    /// <exception cref="InvalidDataException">The image column's earlier annotation cannot be read.</exception>
    public ImageAugmentingBinding(DataViewSchema inputSchema, string imageColumnName, IReadOnlyList<AugmentationOptions> augmentations)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ImageFeatureColumn.Inspect(inputSchema, imageColumnName);
        var image = inputSchema[imageColumnName];
        var builder = new DataViewSchema.Builder();
        foreach (var column in inputSchema)
            builder.AddColumn(column.Name, column.Type, column.Index == image.Index
                ? AugmentationAnnotation.Annotate(column.Annotations, [.. AugmentationAnnotation.Read(column), .. augmentations])
                : column.Annotations);
        InputSchema = inputSchema;
        OutputSchema = builder.ToSchema();
    }

    /// <summary>The input schema.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The output schema: the input's columns, the image column annotated.</summary>
    public DataViewSchema OutputSchema { get; }

    /// <summary>The input column behind a column of <see cref="OutputSchema"/> (the one at the same index).</summary>
    /// <param name="column">A column of <see cref="OutputSchema"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is not one of <see cref="OutputSchema"/>.</exception>
    public DataViewSchema.Column InputColumn(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= OutputSchema.Count || OutputSchema[column.Index].Name != column.Name)
            throw new ArgumentOutOfRangeException(nameof(column),
                $"Column '{column.Name}' (index {column.Index}) is not a column of the augmentation transform's output schema; use the columns of its Schema.");
        return InputSchema[column.Index];
    }

    /// <summary>The input columns behind columns of <see cref="OutputSchema"/>.</summary>
    /// <param name="columns">Columns of <see cref="OutputSchema"/>.</param>
    public IReadOnlyList<DataViewSchema.Column> InputColumns(IEnumerable<DataViewSchema.Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return [.. columns.Select(InputColumn)];
    }
}
