using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>
/// A <see cref="ClassWeightingTransformer"/> bound to one input schema: the checked label column, the output schema (the
/// input columns, then the weight column, which hides an input column of its name), which input columns each output needs,
/// and the getters of the data view, its cursors and the row mapper.
/// </summary>
internal sealed class ClassWeightingBinding
{
    private readonly ClassWeightMap _map;
    private readonly int _weightIndex;

    /// <summary>Binds the weights to an input schema.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <param name="labelColumnName">The label column.</param>
    /// <param name="outputColumnName">The weight column added.</param>
    /// <param name="map">The fitted weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">The label column is missing or of another type than at Fit.</exception>
    public ClassWeightingBinding(DataViewSchema inputSchema, string labelColumnName, string outputColumnName, ClassWeightMap map)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        _map = map;
        InputSchema = inputSchema;
        Label = ClassLabelColumn.Check(inputSchema, labelColumnName, map);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        builder.AddColumn(outputColumnName, NumberDataViewType.Single);
        OutputSchema = builder.ToSchema();
        _weightIndex = inputSchema.Count;
    }

    /// <summary>The input schema.</summary>
    public DataViewSchema InputSchema { get; }

    /// <summary>The output schema.</summary>
    public DataViewSchema OutputSchema { get; }

    /// <summary>The label column of the input.</summary>
    public DataViewSchema.Column Label { get; }

    /// <summary>The input columns that the given output columns need, and whether the weight column is among them.</summary>
    /// <param name="outputColumns">Columns of <see cref="OutputSchema"/>.</param>
    public (IReadOnlyList<DataViewSchema.Column> InputColumns, bool WeightActive) Needs(IEnumerable<DataViewSchema.Column> outputColumns)
    {
        ArgumentNullException.ThrowIfNull(outputColumns);
        var indices = new SortedSet<int>();
        var weight = false;
        foreach (var column in outputColumns)
        {
            var isWeight = Check(column) == _weightIndex;
            weight |= isWeight;
            indices.Add(isWeight ? Label.Index : column.Index);
        }
        return ([.. indices.Select(i => InputSchema[i])], weight);
    }

    /// <summary>The weight getter over an input row or cursor (whose label column is active), or null when the weight is inactive.</summary>
    /// <param name="input">The input row or cursor.</param>
    /// <param name="active">Whether the weight column is active.</param>
    public ValueGetter<float>? WeightGetter(DataViewRow input, bool active) =>
        active ? ClassLabelColumn.WeightGetter(input, Label, _map) : null;

    /// <summary>Whether an output column is active over the input row.</summary>
    /// <param name="input">The input row or cursor.</param>
    /// <param name="column">A column of <see cref="OutputSchema"/>.</param>
    /// <param name="weight">The weight getter, or null when the weight is inactive.</param>
    public bool IsActive(DataViewRow input, DataViewSchema.Column column, ValueGetter<float>? weight) =>
        Check(column) == _weightIndex ? weight is not null : input.IsColumnActive(InputSchema[column.Index]);

    /// <summary>The getter of an output column: the input's own for input columns, the weight getter for the weight column.</summary>
    /// <typeparam name="TValue">The value type asked for.</typeparam>
    /// <param name="input">The input row or cursor.</param>
    /// <param name="column">A column of <see cref="OutputSchema"/>.</param>
    /// <param name="weight">The weight getter, or null when the weight is inactive.</param>
    /// <exception cref="InvalidOperationException">The weight column is inactive, or asked for as another type than Single.</exception>
    public ValueGetter<TValue> Getter<TValue>(DataViewRow input, DataViewSchema.Column column, ValueGetter<float>? weight)
    {
        if (Check(column) != _weightIndex) return input.GetGetter<TValue>(InputSchema[column.Index]);
        if (weight is null)
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this row; ask for it in the cursor's columnsNeeded.");
        return weight as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' holds Single values; a getter of {typeof(TValue).Name} was asked for. Ask for ValueGetter<float>.");
    }

    private int Check(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= OutputSchema.Count || OutputSchema[column.Index].Name != column.Name)
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' (index {column.Index}) is not a column of the ClassWeights output schema.");
        return column.Index;
    }
}
