namespace Ml.Cnn.MlNet;

/// <summary>The annotation kinds and values ML.NET's trainers and evaluators use (ML.NET keeps its own constants internal).</summary>
public static class MlNetNames
{
    /// <summary>Annotation kind: the names of a vector's slots (a text vector).</summary>
    public const string SlotNames = "SlotNames";

    /// <summary>Annotation kind: the values behind a key column's keys.</summary>
    public const string KeyValues = "KeyValues";

    /// <summary>Annotation kind: the task of a score column (e.g. <see cref="MulticlassClassification"/>).</summary>
    public const string ScoreColumnKind = "ScoreColumnKind";

    /// <summary>Annotation kind: what a score column holds (e.g. <see cref="Score"/>).</summary>
    public const string ScoreValueKind = "ScoreValueKind";

    /// <summary>Score column kind of multiclass classifiers.</summary>
    public const string MulticlassClassification = "MulticlassClassification";

    /// <summary>Score column kind of binary classifiers.</summary>
    public const string BinaryClassification = "BinaryClassification";

    /// <summary>Score column kind of regressors.</summary>
    public const string Regression = "Regression";

    /// <summary>Score value kind: the raw score.</summary>
    public const string Score = "Score";

    /// <summary>Score value kind: a calibrated probability.</summary>
    public const string Probability = "Probability";

    /// <summary>Score value kind: the predicted label.</summary>
    public const string PredictedLabel = "PredictedLabel";
}
