using Ml.Cnn.Training;

namespace Ml.Cnn;

/// <summary>The CNN trainers of the binary, multilabel, regression and embedding catalogs.</summary>
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
}
