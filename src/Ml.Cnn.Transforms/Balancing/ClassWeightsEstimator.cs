using Ml.Cnn.Legacy;
namespace Ml.Cnn.Transforms;

/// <summary>
/// Learns one weight per class from the label counts at Fit (see <see cref="ClassWeightingMethod"/>); the transformer adds
/// a float column holding each row's class weight, for a trainer's example-weight column. Rows whose label is missing
/// (null or empty) are not counted and get weight 1.
/// </summary>
public sealed class ClassWeightsEstimator : IEstimator<ClassWeightsTransformer>
{
    private readonly ClassWeightsOptions _options;

    /// <summary>Creates the estimator; the options are copied and validated now.</summary>
    /// <param name="options">The options; null uses the defaults (balanced weights from Label into Weight).</param>
    public ClassWeightsEstimator(ClassWeightsOptions? options = null)
    {
        _options = (options ?? new ClassWeightsOptions()).Copy();
        _options.Validate();
    }

    /// <summary>Counts the labels and computes the weights.</summary>
    /// <param name="input">Training data with the label column.</param>
    /// <exception cref="ArgumentException">The label column is missing, not text or bool, or holds no label.</exception>
    public ClassWeightsTransformer Fit(DataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var labels = LabelValues.Read(input, _options.LabelColumnName, "ClassWeights");
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in labels)
            if (!string.IsNullOrEmpty(label)) counts[label] = counts.GetValueOrDefault(label) + 1;
        if (counts.Count == 0)
            throw new ArgumentException($"ClassWeights: label column '{_options.LabelColumnName}' holds no labels ({labels.Count} rows); nothing to weigh.");
        return new ClassWeightsTransformer(Compute(counts), _options.LabelColumnName, _options.OutputColumnName, _options.Method);
    }

    private Dictionary<string, float> Compute(SortedDictionary<string, int> counts)
    {
        var names = counts.Keys.ToArray();
        var computed = ClassWeightFormula.Compute(_options, names, [.. counts.Values.Select(c => (long)c)]);
        var weights = names.Zip(computed).ToDictionary(w => w.First, w => w.Second, StringComparer.Ordinal);
        if (_options.Given is { } given)
            foreach (var (label, weight) in given) weights[label] = weight;
        return weights;
    }
}
