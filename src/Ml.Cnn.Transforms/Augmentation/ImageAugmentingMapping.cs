using Microsoft.ML;
using Ml.Cnn.MlNet;

namespace Ml.Cnn.Transforms;

/// <summary>An augmentation transform's columns over one input row or cursor: every value passes through unchanged.</summary>
internal sealed class ImageAugmentingMapping(ImageAugmentingBinding binding, DataViewRow input) : IRowMapping
{
    public DataViewSchema Schema => binding.OutputSchema;

    public bool IsColumnActive(DataViewSchema.Column column) => input.IsColumnActive(binding.InputColumn(column));

    public ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => input.GetGetter<TValue>(binding.InputColumn(column));
}
