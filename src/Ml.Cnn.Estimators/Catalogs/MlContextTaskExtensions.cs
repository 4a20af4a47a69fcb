using Microsoft.ML;
using Ml.Cnn.MlNet;

namespace Ml.Cnn;

/// <summary>
/// The catalogs of the two tasks ML.NET has none for, on <see cref="MLContext"/>: <c>mlContext.MultilabelClassification()</c>
/// and <c>mlContext.Embeddings()</c>. Each has <c>Trainers.Cnn(...)</c> (a simple overload and one taking
/// <see cref="Training.CnnTrainerOptions"/>, as ML.NET's catalogs do) and <c>Evaluate(...)</c>.
/// </summary>
public static class MlContextTaskExtensions
{
    /// <summary>Multilabel classification: each image carries any subset of the labels (a Boolean or 0/1 vector label).</summary>
    /// <param name="mlContext">The ML.NET context; trainers draw their seeds from it and log to its <c>Log</c>.</param>
    public static MultilabelClassificationCatalog MultilabelClassification(this MLContext mlContext) => new(MlNetEnvironment.Of(mlContext));

    /// <summary>Embeddings: images of the same key label are mapped close together (metric learning, retrieval).</summary>
    /// <param name="mlContext">The ML.NET context; trainers draw their seeds from it and log to its <c>Log</c>.</param>
    public static EmbeddingCatalog Embeddings(this MLContext mlContext) => new(MlNetEnvironment.Of(mlContext));
}
