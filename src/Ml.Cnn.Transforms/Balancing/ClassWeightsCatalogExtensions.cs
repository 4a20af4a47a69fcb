using Microsoft.ML;
using Ml.Cnn.MlNet;
using Ml.Cnn.Transforms;

namespace Ml.Cnn;

/// <summary>Class weights on ML.NET's <see cref="TransformsCatalog"/>: <c>mlContext.Transforms.ClassWeights(...)</c>.</summary>
public static class ClassWeightsCatalogExtensions
{
    /// <summary>
    /// Per-row class weights (a Single column) computed from the label counts at Fit, for a trainer's example-weight column
    /// (e.g. <c>SdcaMaximumEntropy(exampleWeightColumnName: "Weight")</c>). The label column is a key, Text or Boolean.
    /// </summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="labelColumnName">The label column.</param>
    /// <param name="outputColumnName">The Single column added (a column of that name is hidden).</param>
    /// <param name="method">How the weights are computed; <see cref="ClassWeightingMethod.Given"/> needs the options overload.</param>
    /// <exception cref="ArgumentException">A column name is empty, or both names are the same.</exception>
    public static ClassWeightingEstimator ClassWeights(this TransformsCatalog catalog, string labelColumnName = DefaultColumnNames.Label,
        string outputColumnName = DefaultColumnNames.ExampleWeight, ClassWeightingMethod method = ClassWeightingMethod.Balanced) =>
        catalog.ClassWeights(new ClassWeightsOptions { LabelColumnName = labelColumnName, OutputColumnName = outputColumnName, Method = method });

    /// <summary>Per-row class weights (a Single column) computed from the label counts at Fit, with every option.</summary>
    /// <param name="catalog">ML.NET's transforms catalog.</param>
    /// <param name="options">The options (copied and validated now).</param>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public static ClassWeightingEstimator ClassWeights(this TransformsCatalog catalog, ClassWeightsOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new ClassWeightingEstimator(MlNetEnvironment.Of(catalog), options);
    }
}
