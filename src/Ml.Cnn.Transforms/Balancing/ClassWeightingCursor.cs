using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms;

/// <summary>A cursor of <see cref="ClassWeightingDataView"/>: moves the input cursor and adds the weight column.</summary>
internal sealed class ClassWeightingCursor : DataViewRowCursor
{
    private readonly ClassWeightingBinding _binding;
    private readonly DataViewRowCursor _input;
    private readonly ValueGetter<float>? _weight;

    /// <summary>Wraps an input cursor (which it disposes).</summary>
    /// <param name="binding">The weights bound to the input's schema.</param>
    /// <param name="input">The input cursor, with the label column active when the weight is.</param>
    /// <param name="weightActive">Whether the weight column is active.</param>
    public ClassWeightingCursor(ClassWeightingBinding binding, DataViewRowCursor input, bool weightActive)
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

    /// <inheritdoc/>
    public override bool MoveNext() => _input.MoveNext();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}
