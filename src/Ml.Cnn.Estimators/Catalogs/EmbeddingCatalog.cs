using Microsoft.ML;
using Microsoft.ML.Runtime;
using Ml.Cnn.Losses;
using Ml.Cnn.Metrics;
using Ml.Cnn.Trainers;
using Ml.Cnn.Training;

namespace Ml.Cnn;

/// <summary>
/// Embeddings, which ML.NET has no catalog for (<c>mlContext.Embeddings()</c>): the CNN trainer and the evaluator. The
/// label is a key column (rows of one key belong together; add <c>MapValueToKey</c> for text labels); the model adds
/// <c>Score</c>, the L2-normalized embedding of <see cref="CnnTrainerOptions.EmbeddingDimension"/> values.
/// </summary>
public sealed class EmbeddingCatalog
{
    internal EmbeddingCatalog(IHostEnvironment environment) => Trainers = new EmbeddingTrainers(environment);

    /// <summary>The embedding trainers.</summary>
    public EmbeddingTrainers Trainers { get; }

    /// <summary>
    /// Evaluates embedded data (an embedding model's <c>Transform</c> output) by exact nearest-neighbour search: Recall@K is
    /// the fraction of query rows for which one of the K nearest other rows (Euclidean distance, ties broken by lower row
    /// index) has the query's label. Every row whose label occurs at least twice is a query (O(n²) distances, computed in
    /// parallel, memory linear in n).
    /// </summary>
    /// <param name="data">The embedded data.</param>
    /// <param name="labelColumnName">The label column: a key or text.</param>
    /// <param name="scoreColumnName">The embedding column: a known-size vector of Single.</param>
    /// <param name="k">The K values of Recall@K, each at least 1. Default [1, 5].</param>
    public EmbeddingMetrics Evaluate(IDataView data, string labelColumnName = DefaultColumnNames.Label, string scoreColumnName = DefaultColumnNames.Score,
        IReadOnlyList<int>? k = null) =>
        EmbeddingRetrievalEvaluator.Evaluate(data, labelColumnName, scoreColumnName, k);

    /// <summary>The embedding trainers: <c>mlContext.Embeddings().Trainers</c>.</summary>
    public sealed class EmbeddingTrainers
    {
        private readonly IHostEnvironment _environment;

        internal EmbeddingTrainers(IHostEnvironment environment) => _environment = environment;

        /// <summary>
        /// A CNN embedding model: a key label, an image column; adds <c>Score</c>, the L2-normalized embedding of
        /// <see cref="CnnTrainerOptions.EmbeddingDimension"/> (default 64) values. Loss: triplet margin with batch-hard mining
        /// (margin <see cref="TripletLoss.DefaultMargin"/>); batches should hold several rows of each label.
        /// </summary>
        /// <param name="labelColumnName">The key label column (add <c>MapValueToKey</c> for text labels).</param>
        /// <param name="featureColumnName">The image column (encoded bytes, pixel vector or MLImage).</param>
        /// <param name="exampleWeightColumnName">An optional Single column of per-row weights.</param>
        public CnnTrainer Cnn(string labelColumnName = DefaultColumnNames.Label, string featureColumnName = "Features",
            string? exampleWeightColumnName = null) =>
            Cnn(CnnCatalogExtensions.Simple(labelColumnName, featureColumnName, exampleWeightColumnName));

        /// <summary>A CNN embedding model with the given options (e.g. <see cref="CnnTrainerOptions.EmbeddingDimension"/>).</summary>
        /// <param name="options">The options (validated now).</param>
        public CnnTrainer Cnn(CnnTrainerOptions options) => new(_environment, CnnTask.Embedding, options);
    }
}
