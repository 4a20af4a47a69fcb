using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.MlNet;

/// <summary>An output row of a transform: position, batch and id of the input row, columns from the mapping.</summary>
/// <param name="input">The input row.</param>
/// <param name="mapping">The transform's columns over that row.</param>
public sealed class MappedRow(DataViewRow input, IRowMapping mapping) : DataViewRow
{
    /// <inheritdoc />
    public override DataViewSchema Schema => mapping.Schema;

    /// <inheritdoc />
    public override long Position => input.Position;

    /// <inheritdoc />
    public override long Batch => input.Batch;

    /// <inheritdoc />
    public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

    /// <inheritdoc />
    public override bool IsColumnActive(DataViewSchema.Column column) => mapping.IsColumnActive(column);

    /// <inheritdoc />
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => mapping.GetGetter<TValue>(column);
}
