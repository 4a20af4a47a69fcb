using Ml.Cnn.Legacy;
using Ml.Cnn.Metrics;
using Ml.Cnn.Training;

namespace Ml.Cnn.Legacy;

/// <summary>The CNN trainer and the evaluator on the context's multiclass catalog.</summary>
public static class MulticlassCatalogExtensions
{
    /// <summary>A CNN trainer with default options except the column names (e.g. <c>Trainers.Cnn()</c>).</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="labelColumnName">The label column.</param>
    /// <param name="imageColumnName">The image column.</param>
    /// <param name="exampleWeightColumnName">An optional weight column.</param>
    public static CnnMulticlassTrainer Cnn(this MulticlassTrainers catalog, string labelColumnName = DefaultColumnNames.Label,
        string imageColumnName = DefaultColumnNames.Image, string? exampleWeightColumnName = null) =>
        catalog.Cnn(new CnnTrainerOptions
        {
            LabelColumnName = labelColumnName,
            ImageColumnName = imageColumnName,
            ExampleWeightColumnName = exampleWeightColumnName,
        });

    /// <summary>A CNN trainer with the given options.</summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="options">The options.</param>
    public static CnnMulticlassTrainer Cnn(this MulticlassTrainers catalog, CnnTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CnnMulticlassTrainer(options, catalog.Context.Seed);
    }

    /// <summary>Evaluates a scored view (the output of a model's Transform) with ML.NET's multiclass metrics.</summary>
    /// <param name="catalog">The multiclass catalog.</param>
    /// <param name="data">Scored data with Label and Score columns.</param>
    /// <param name="labelColumnName">The label column.</param>
    /// <param name="scoreColumnName">The score column.</param>
    /// <param name="topKPredictionCount">The k of TopKAccuracy. Default 5.</param>
    public static MulticlassClassificationMetrics Evaluate(this MulticlassClassificationCatalog catalog, DataView data,
        string labelColumnName = DefaultColumnNames.Label, string scoreColumnName = DefaultColumnNames.Score, int topKPredictionCount = 5) =>
        MulticlassEvaluator.Evaluate(data, labelColumnName, scoreColumnName, topKPredictionCount);
}
