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
        var given = options ?? new ClassWeightsOptions();
        _options = new ClassWeightsOptions
        {
            LabelColumnName = given.LabelColumnName, OutputColumnName = given.OutputColumnName, Method = given.Method,
            Beta = given.Beta, Given = given.Given is null ? null : new Dictionary<string, float>(given.Given, StringComparer.Ordinal),
        };
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
        double n = counts.Values.Sum(), k = counts.Count;
        switch (_options.Method)
        {
            case ClassWeightingMethod.Balanced:
                return counts.ToDictionary(c => c.Key, c => (float)(n / (k * c.Value)), StringComparer.Ordinal);
            case ClassWeightingMethod.BalancedSqrt:
                return counts.ToDictionary(c => c.Key, c => (float)Math.Sqrt(n / (k * c.Value)), StringComparer.Ordinal);
            case ClassWeightingMethod.EffectiveNumber:
                var beta = _options.Beta;
                var raw = counts.ToDictionary(c => c.Key, c => (1 - beta) / (1 - Math.Pow(beta, c.Value)), StringComparer.Ordinal);
                var total = raw.Values.Sum();
                return raw.ToDictionary(r => r.Key, r => (float)(r.Value * k / total), StringComparer.Ordinal);
            default:
                var weights = counts.Keys.ToDictionary(c => c, _ => 1f, StringComparer.Ordinal);
                foreach (var (label, weight) in _options.Given!) weights[label] = weight;
                return weights;
        }
    }
}
