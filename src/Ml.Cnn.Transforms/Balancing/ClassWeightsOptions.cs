namespace Ml.Cnn.Transforms;

/// <summary>
/// Options of <c>mlContext.Transforms.ClassWeights</c> (<see cref="ClassWeightingEstimator"/>): which column holds the
/// labels, where the weights go, and how they are computed.
/// </summary>
public sealed class ClassWeightsOptions
{
    /// <summary>The label column: a key, Text or Boolean (see <see cref="ClassLabelKind"/>).</summary>
    /// <value>Default <c>Label</c>.</value>
    public string LabelColumnName { get; set; } = DefaultColumnNames.Label;

    /// <summary>The Single column added by the transformer, to be used as the trainer's example-weight column.</summary>
    /// <value>Default <c>Weight</c>.</value>
    public string OutputColumnName { get; set; } = DefaultColumnNames.ExampleWeight;

    /// <summary>How the weights are computed from the class counts at Fit.</summary>
    /// <value>Default <see cref="ClassWeightingMethod.Balanced"/>.</value>
    public ClassWeightingMethod Method { get; set; } = ClassWeightingMethod.Balanced;

    /// <summary>β of <see cref="ClassWeightingMethod.EffectiveNumber"/>, in [0, 1); larger values correct more (0 gives equal weights).</summary>
    /// <value>Default 0.999.</value>
    public double Beta { get; set; } = 0.999;

    /// <summary>
    /// The weight per class name for <see cref="ClassWeightingMethod.Given"/> (finite, ≥ 0); classes it does not name weigh 1.
    /// Key labels are named by their key values (e.g. the text before <c>MapValueToKey</c>), Boolean labels <c>false</c> and
    /// <c>true</c> (see <see cref="ClassLabelKind"/>).
    /// </summary>
    /// <value>Default null (required with <see cref="ClassWeightingMethod.Given"/>, refused with the other methods).</value>
    public IReadOnlyDictionary<string, float>? Given { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(LabelColumnName), nameof(LabelColumnName), "must name a column");
        Require(!string.IsNullOrWhiteSpace(OutputColumnName), nameof(OutputColumnName), "must name a column");
        Require(OutputColumnName != LabelColumnName, nameof(OutputColumnName), $"must differ from LabelColumnName (both '{LabelColumnName}')");
        Require(Enum.IsDefined(Method), nameof(Method), $"must be Balanced, BalancedSqrt, EffectiveNumber or Given (got {Method})");
        Require(Beta is >= 0 and < 1, nameof(Beta), $"must lie in [0, 1) (got {Beta})");
        Require(Method == ClassWeightingMethod.Given || Given is null, nameof(Given),
            $"is used only with Method = Given (Method is {Method}); set one or the other");
        if (Method != ClassWeightingMethod.Given) return;
        Require(Given is not null, nameof(Given), "must hold the weights when Method = Given");
        foreach (var (label, weight) in Given!)
        {
            Require(!string.IsNullOrEmpty(label), nameof(Given), "must not hold an empty label");
            Require(float.IsFinite(weight) && weight >= 0, nameof(Given), $"must hold finite weights >= 0 (got {weight} for '{label}')");
        }
    }

    /// <summary>A copy, whose <see cref="Given"/> is a copy too, so later changes to these options do not reach an estimator.</summary>
    internal ClassWeightsOptions Copy() => new()
    {
        LabelColumnName = LabelColumnName, OutputColumnName = OutputColumnName, Method = Method, Beta = Beta,
        Given = Given is null ? null : new Dictionary<string, float>(Given, StringComparer.Ordinal),
    };

    private static void Require(bool condition, string option, string problem)
    {
        if (!condition) throw new ArgumentException($"ClassWeightsOptions.{option} {problem}.", option);
    }
}
