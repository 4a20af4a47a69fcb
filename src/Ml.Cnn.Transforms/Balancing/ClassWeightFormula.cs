namespace Ml.Cnn.Transforms;

/// <summary>
/// The weighting formulas of <see cref="ClassWeightingMethod"/>, in one place for every class-weights estimator: the weight
/// of each class present at Fit from the class counts (n rows with a label, k classes present, n_c rows of class c).
/// </summary>
internal static class ClassWeightFormula
{
    /// <summary>
    /// One weight per class, in the order of <paramref name="names"/>. For <see cref="ClassWeightingMethod.Given"/> a class
    /// that <see cref="ClassWeightsOptions.Given"/> does not name weighs 1; given labels of classes not present are the
    /// caller's to add.
    /// </summary>
    /// <param name="options">The validated options (method, β, given weights).</param>
    /// <param name="names">The class names, for <see cref="ClassWeightingMethod.Given"/>.</param>
    /// <param name="counts">The rows of each class (each > 0), in the order of <paramref name="names"/>.</param>
    public static float[] Compute(ClassWeightsOptions options, IReadOnlyList<string> names, IReadOnlyList<long> counts)
    {
        double n = counts.Sum(), k = counts.Count;
        switch (options.Method)
        {
            case ClassWeightingMethod.Balanced:
                return [.. counts.Select(c => (float)(n / (k * c)))];
            case ClassWeightingMethod.BalancedSqrt:
                return [.. counts.Select(c => (float)Math.Sqrt(n / (k * c)))];
            case ClassWeightingMethod.EffectiveNumber:
                var beta = options.Beta;
                var raw = counts.Select(c => (1 - beta) / (1 - Math.Pow(beta, c))).ToArray();
                var total = raw.Sum();
                return [.. raw.Select(r => (float)(r * k / total))];
            default:
                return [.. names.Select(name => options.Given!.TryGetValue(name, out var weight) ? weight : 1f)];
        }
    }
}
