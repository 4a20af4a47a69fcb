using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>A row of <see cref="ClassWeightingRowMapper"/>: the input row (not owned) with the weight column added.</summary>
internal sealed class ClassWeightingRow : DataViewRow
{
    private readonly ClassWeightingBinding _binding;
    private readonly DataViewRow _input;
    private readonly ValueGetter<float>? _weight;

    /// <summary>Wraps an input row.</summary>
    /// <param name="binding">The weights bound to the input's schema.</param>
    /// <param name="input">The input row, with the label column active when the weight is.</param>
    /// <param name="weightActive">Whether the weight column is active.</param>
    public ClassWeightingRow(ClassWeightingBinding binding, DataViewRow input, bool weightActive)
    {
        _binding = binding;
        _input = input;
        _weight = binding.WeightGetter(input, weightActive);
    }

    /// <inheritdoc/>
    public override DataViewSchema Schema => _binding.OutputSchema;

    /// <inheritdoc/>
    public override long Position => _input.Position;

    /// <inheritdoc/>
    public override long Batch => _input.Batch;

    /// <inheritdoc/>
    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    /// <inheritdoc/>
    public override bool IsColumnActive(DataViewSchema.Column column) => _binding.IsActive(_input, column, _weight);

    /// <inheritdoc/>
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _binding.Getter<TValue>(_input, column, _weight);
}
