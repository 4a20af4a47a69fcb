using Ml.Cnn.Legacy;
using Ml.Cnn.Metrics;
using Ml.Cnn.Training;

namespace Ml.Cnn.Legacy;

/// <summary>The CNN trainers and evaluators of the binary, multilabel, regression and embedding catalogs.</summary>
public static class TaskCatalogExtensions
{
    /// <summary>A binary CNN trainer (bool Label column).</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="options">The options; null for the defaults.</param>
    public static CnnBinaryTrainer Cnn(this BinaryTrainers catalog, CnnTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CnnBinaryTrainer(options ?? new CnnTrainerOptions(), catalog.Context.Seed);
    }

    /// <summary>A multilabel CNN trainer (0/1 Label vector column with the label names as slot names).</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="options">The options; null for the defaults.</param>
    public static CnnMultilabelTrainer Cnn(this MultilabelTrainers catalog, CnnTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CnnMultilabelTrainer(options ?? new CnnTrainerOptions(), catalog.Context.Seed);
    }

    /// <summary>A CNN regressor (float or float vector Label column).</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="options">The options; null for the defaults.</param>
    public static CnnRegressionTrainer Cnn(this RegressionTrainers catalog, CnnTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CnnRegressionTrainer(options ?? new CnnTrainerOptions(), catalog.Context.Seed);
    }

    /// <summary>An embedding CNN trainer (text Label column: the identity rows share).</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="options">The options; null for the defaults.</param>
    public static CnnEmbeddingTrainer Cnn(this EmbeddingTrainers catalog, CnnTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CnnEmbeddingTrainer(options ?? new CnnTrainerOptions(), catalog.Context.Seed);
    }

    /// <summary>Evaluates scored binary data (Label, Probability, PredictedLabel) with ML.NET's binary metrics.</summary>
    /// <param name="catalog">The binary catalog.</param>
    /// <param name="data">The output of a binary model's Transform.</param>
    /// <param name="labelColumnName">The bool label column.</param>
    public static BinaryClassificationMetrics Evaluate(this BinaryClassificationCatalog catalog, DataView data,
        string labelColumnName = DefaultColumnNames.Label) => BinaryClassificationEvaluator.Evaluate(data, labelColumnName);

    /// <summary>Evaluates scored multilabel data (Label and PredictedLabels vectors): per-label F1, HammingLoss, SubsetAccuracy.</summary>
    /// <param name="catalog">The multilabel catalog.</param>
    /// <param name="data">The output of a multilabel model's Transform.</param>
    /// <param name="labelColumnName">The 0/1 label vector column.</param>
    public static MultilabelClassificationMetrics Evaluate(this MultilabelClassificationCatalog catalog, DataView data,
        string labelColumnName = DefaultColumnNames.Label) => MultilabelEvaluator.Evaluate(data, labelColumnName);

    /// <summary>Evaluates scored regression data (Label and Score): MAE, MSE, RMSE, R².</summary>
    /// <param name="catalog">The regression catalog.</param>
    /// <param name="data">The output of a regression model's Transform.</param>
    /// <param name="labelColumnName">The float (or float vector) label column.</param>
    public static RegressionMetrics Evaluate(this RegressionCatalog catalog, DataView data,
        string labelColumnName = DefaultColumnNames.Label) => RegressionEvaluator.Evaluate(data, labelColumnName);

    /// <summary>Evaluates embeddings (Label and Embedding) by Recall@K over nearest neighbours.</summary>
    /// <param name="catalog">The embedding catalog.</param>
    /// <param name="data">The output of an embedding model's Transform.</param>
    /// <param name="labelColumnName">The text label column.</param>
    /// <param name="k">The K values. Default 1 and 5.</param>
    public static EmbeddingMetrics Evaluate(this EmbeddingCatalog catalog, DataView data,
        string labelColumnName = DefaultColumnNames.Label, IReadOnlyList<int>? k = null) =>
        EmbeddingEvaluator.Evaluate(data, labelColumnName, DefaultColumnNames.Embedding, k);
}
