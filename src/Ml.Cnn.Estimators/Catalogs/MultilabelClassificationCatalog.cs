using Microsoft.ML;
using Microsoft.ML.Runtime;
using Ml.Cnn.Metrics;
using Ml.Cnn.Trainers;
using Ml.Cnn.Training;

namespace Ml.Cnn;

/// <summary>
/// Multilabel classification, which ML.NET has no catalog for (<c>mlContext.MultilabelClassification()</c>): the CNN trainer
/// and the evaluator. The label is a known-size vector of Boolean, or of Single 0/1 values, one slot per label (its slot
/// names name the labels); the model adds <c>Score</c> (each label's probability) and <c>PredictedLabel</c> (a Boolean
/// vector: the score is above <see cref="MultilabelDecision.Threshold"/>), both with the label names as slot names.
/// </summary>
public sealed class MultilabelClassificationCatalog
{
    internal MultilabelClassificationCatalog(IHostEnvironment environment) => Trainers = new MultilabelClassificationTrainers(environment);

    /// <summary>The multilabel trainers.</summary>
    public MultilabelClassificationTrainers Trainers { get; }

    /// <summary>
    /// Evaluates scored data (a multilabel model's <c>Transform</c> output): per-label precision, recall and F1, macro and
    /// micro F1, Hamming loss and subset accuracy. Both columns are known-size vectors of the same size, of Boolean or of
    /// Single (a value above <see cref="MultilabelDecision.Threshold"/> counts as present). The labels are named by the
    /// predicted column's slot names, else the label column's, else "0", "1", ...
    /// </summary>
    /// <param name="data">The scored data.</param>
    /// <param name="labelColumnName">The true labels.</param>
    /// <param name="predictedLabelColumnName">The predicted labels.</param>
    public MultilabelClassificationMetrics Evaluate(IDataView data, string labelColumnName = DefaultColumnNames.Label,
        string predictedLabelColumnName = DefaultColumnNames.PredictedLabel) =>
        MultilabelClassificationEvaluator.Evaluate(data, labelColumnName, predictedLabelColumnName);

    /// <summary>The multilabel trainers: <c>mlContext.MultilabelClassification().Trainers</c>.</summary>
    public sealed class MultilabelClassificationTrainers
    {
        private readonly IHostEnvironment _environment;

        internal MultilabelClassificationTrainers(IHostEnvironment environment) => _environment = environment;

        /// <summary>
        /// A CNN multilabel classifier: a Boolean or 0/1 Single vector label, an image column; adds <c>Score</c> and
        /// <c>PredictedLabel</c>. Loss: binary cross-entropy per label (choose another binary loss in the options).
        /// </summary>
        /// <param name="labelColumnName">The label column: a known-size vector of Boolean or of Single 0/1 values.</param>
        /// <param name="featureColumnName">The image column (encoded bytes, pixel vector or MLImage).</param>
        /// <param name="exampleWeightColumnName">An optional Single column of per-row weights.</param>
        public CnnTrainer Cnn(string labelColumnName = DefaultColumnNames.Label, string featureColumnName = "Features",
            string? exampleWeightColumnName = null) =>
            Cnn(CnnCatalogExtensions.Simple(labelColumnName, featureColumnName, exampleWeightColumnName));

        /// <summary>A CNN multilabel classifier with the given options.</summary>
        /// <param name="options">The options (validated now).</param>
        public CnnTrainer Cnn(CnnTrainerOptions options) => new(_environment, CnnTask.Multilabel, options);
    }
}
