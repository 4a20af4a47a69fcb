namespace Ml.Cnn;

/// <summary>The column names used by default, as ML.NET names them.</summary>
public static class DefaultColumnNames
{
    /// <summary>The image (features) column: <c>Image</c>.</summary>
    public const string Image = "Image";

    /// <summary>The label column: <c>Label</c>.</summary>
    public const string Label = "Label";

    /// <summary>The per-example weight column: <c>Weight</c>.</summary>
    public const string ExampleWeight = "Weight";

    /// <summary>The score column added by a model: <c>Score</c>.</summary>
    public const string Score = "Score";

    /// <summary>The predicted label column added by a classifier: <c>PredictedLabel</c>.</summary>
    public const string PredictedLabel = "PredictedLabel";

    /// <summary>The calibrated probability column added by a binary classifier: <c>Probability</c>.</summary>
    public const string Probability = "Probability";

    /// <summary>The predicted labels column added by a multilabel classifier (1 = label present, per slot): <c>PredictedLabels</c>.</summary>
    public const string PredictedLabels = "PredictedLabels";

    /// <summary>The L2-normalized embedding column added by an embedding model: <c>Embedding</c>.</summary>
    public const string Embedding = "Embedding";
}
