using Microsoft.ML;

namespace Ml.Cnn.MlNet;

/// <summary>
/// The columns a transform's output row or cursor shows over one input row or cursor: which are active and their getters.
/// <see cref="MappedRow"/> and <see cref="MappedCursor"/> add the rest (position, batch, ids, moving) from the input, so a
/// transform writes only this.
/// </summary>
public interface IRowMapping
{
    /// <summary>The output schema.</summary>
    DataViewSchema Schema { get; }

    /// <summary>Whether an output column was asked for.</summary>
    /// <param name="column">An output column.</param>
    bool IsColumnActive(DataViewSchema.Column column);

    /// <summary>The getter of an output column.</summary>
    /// <typeparam name="TValue">The column's value type.</typeparam>
    /// <param name="column">An output column.</param>
    ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);
}
