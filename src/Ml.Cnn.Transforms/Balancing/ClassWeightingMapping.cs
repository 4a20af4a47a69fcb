using Microsoft.ML;
using Ml.Cnn.MlNet;

namespace Ml.Cnn.Transforms;

/// <summary>The class-weight transform's columns over one input row or cursor: input columns pass through, the weight is looked up.</summary>
internal sealed class ClassWeightingMapping : IRowMapping
{
    private readonly ClassWeightingBinding _binding;
    private readonly DataViewRow _input;
    private readonly ValueGetter<float>? _weight;

    public ClassWeightingMapping(ClassWeightingBinding binding, DataViewRow input, bool weightActive)
    {
        _binding = binding;
        _input = input;
        _weight = binding.WeightGetter(input, weightActive);
    }

    public DataViewSchema Schema => _binding.OutputSchema;

    public bool IsColumnActive(DataViewSchema.Column column) => _binding.IsActive(_input, column, _weight);

    public ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _binding.Getter<TValue>(_input, column, _weight);
}
