using Microsoft.ML;
using Ml.Cnn.MlNet;
using Ml.Cnn.Trainers;
using Ml.Cnn.Training;

namespace Ml.Cnn;

/// <summary>
/// The CNN trainers on ML.NET's catalogs: <c>mlContext.MulticlassClassification.Trainers.Cnn(...)</c>,
/// <c>mlContext.BinaryClassification.Trainers.Cnn(...)</c> and <c>mlContext.Regression.Trainers.Cnn(...)</c>, each with a
/// simple overload (column names, ML.NET's defaults) and one taking <see cref="CnnTrainerOptions"/>.
/// </summary>
public static class CnnCatalogExtensions
{
    /// <summary>A CNN image classifier: a key label, an image column; adds <c>Score</c> and <c>PredictedLabel</c>.</summary>
    /// <param name="catalog">ML.NET's multiclass trainers.</param>
    /// <param name="labelColumnName">The key label column (add <c>MapValueToKey</c> for text labels).</param>
    /// <param name="featureColumnName">The image column (encoded bytes, pixel vector or MLImage).</param>
    /// <param name="exampleWeightColumnName">An optional Single column of per-row weights (e.g. from <c>ClassWeights</c>).</param>
    public static CnnTrainer Cnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = DefaultColumnNames.Label, string featureColumnName = "Features", string? exampleWeightColumnName = null) =>
        catalog.Cnn(Simple(labelColumnName, featureColumnName, exampleWeightColumnName));

    /// <summary>A CNN image classifier with the given options.</summary>
    /// <param name="catalog">ML.NET's multiclass trainers.</param>
    /// <param name="options">The options (validated now).</param>
    public static CnnTrainer Cnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, CnnTrainerOptions options) =>
        new(MlNetEnvironment.Of(catalog), CnnTask.Multiclass, options);

    /// <summary>A CNN binary classifier: a Boolean label, an image column; adds <c>Score</c>, <c>Probability</c> and <c>PredictedLabel</c>.</summary>
    /// <param name="catalog">ML.NET's binary trainers.</param>
    /// <param name="labelColumnName">The Boolean label column.</param>
    /// <param name="featureColumnName">The image column (encoded bytes, pixel vector or MLImage).</param>
    /// <param name="exampleWeightColumnName">An optional Single column of per-row weights.</param>
    public static CnnTrainer Cnn(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = DefaultColumnNames.Label, string featureColumnName = "Features", string? exampleWeightColumnName = null) =>
        catalog.Cnn(Simple(labelColumnName, featureColumnName, exampleWeightColumnName));

    /// <summary>A CNN binary classifier with the given options.</summary>
    /// <param name="catalog">ML.NET's binary trainers.</param>
    /// <param name="options">The options (validated now).</param>
    public static CnnTrainer Cnn(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, CnnTrainerOptions options) =>
        new(MlNetEnvironment.Of(catalog), CnnTask.Binary, options);

    /// <summary>A CNN regressor: a Single (or known-size Single vector) label, an image column; adds <c>Score</c>.</summary>
    /// <param name="catalog">ML.NET's regression trainers.</param>
    /// <param name="labelColumnName">The label column.</param>
    /// <param name="featureColumnName">The image column (encoded bytes, pixel vector or MLImage).</param>
    /// <param name="exampleWeightColumnName">An optional Single column of per-row weights.</param>
    public static CnnTrainer Cnn(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = DefaultColumnNames.Label, string featureColumnName = "Features", string? exampleWeightColumnName = null) =>
        catalog.Cnn(Simple(labelColumnName, featureColumnName, exampleWeightColumnName));

    /// <summary>A CNN regressor with the given options.</summary>
    /// <param name="catalog">ML.NET's regression trainers.</param>
    /// <param name="options">The options (validated now).</param>
    public static CnnTrainer Cnn(this RegressionCatalog.RegressionTrainers catalog, CnnTrainerOptions options) =>
        new(MlNetEnvironment.Of(catalog), CnnTask.Regression, options);

    internal static CnnTrainerOptions Simple(string label, string feature, string? weight) =>
        new() { LabelColumnName = label, ImageColumnName = feature, ExampleWeightColumnName = weight };
}
