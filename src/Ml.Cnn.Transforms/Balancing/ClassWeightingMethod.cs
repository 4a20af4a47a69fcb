namespace Ml.Cnn.Transforms;

/// <summary>
/// How <see cref="ClassWeightingEstimator"/> turns class counts into weights (n rows with a label, k classes present at Fit, n_c rows of class c).
/// </summary>
public enum ClassWeightingMethod
{
    /// <summary>n / (k · n_c), as scikit-learn's <c>compute_class_weight("balanced")</c>: every class weighs n / k in total.</summary>
    Balanced,

    /// <summary>The square root of <see cref="Balanced"/>: a milder correction for strongly imbalanced data.</summary>
    BalancedSqrt,

    /// <summary>
    /// Cui et al. 2019, "Class-Balanced Loss Based on Effective Number of Samples": (1 − β) / (1 − β^n_c), scaled so the
    /// k weights sum to k (β = <see cref="ClassWeightsOptions.Beta"/>).
    /// </summary>
    EffectiveNumber,

    /// <summary>The weights of <see cref="ClassWeightsOptions.Given"/>; classes it does not name weigh 1.</summary>
    Given,
}
