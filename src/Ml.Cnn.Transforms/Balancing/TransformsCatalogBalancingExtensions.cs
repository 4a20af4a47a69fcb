using Ml.Cnn.Legacy;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Legacy;

/// <summary>Class-balancing transforms on <see cref="TransformsCatalog"/>.</summary>
public static class TransformsCatalogBalancingExtensions
{
    /// <summary>Per-row class weights (a float column) from the label counts, e.g. for a trainer's example-weight column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="method">How the weights are computed; <see cref="ClassWeightingMethod.Given"/> needs the options overload.</param>
    /// <param name="labelColumnName">The label column (text or bool).</param>
    /// <param name="outputColumnName">The weight column added.</param>
    public static ClassWeightsEstimator ClassWeights(this TransformsCatalog catalog,
        ClassWeightingMethod method = ClassWeightingMethod.Balanced, string labelColumnName = DefaultColumnNames.Label,
        string outputColumnName = DefaultColumnNames.ExampleWeight)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ClassWeightsEstimator(new ClassWeightsOptions
        {
            Method = method, LabelColumnName = labelColumnName, OutputColumnName = outputColumnName,
        });
    }

    /// <summary>Per-row class weights (a float column) from the label counts, with every option.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options; null uses the defaults.</param>
    public static ClassWeightsEstimator ClassWeights(this TransformsCatalog catalog, ClassWeightsOptions? options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ClassWeightsEstimator(options);
    }
}
