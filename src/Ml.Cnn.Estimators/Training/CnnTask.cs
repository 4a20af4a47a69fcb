namespace Ml.Cnn.Training;

/// <summary>The supervised task a trainer solves; it fixes the label type, the output head and the losses that fit.</summary>
public enum CnnTask
{
    /// <summary>One of several classes (key labels; softmax head; Score per class + PredictedLabel).</summary>
    Multiclass,

    /// <summary>Yes or no (Boolean labels; sigmoid head; Score, Probability, PredictedLabel).</summary>
    Binary,

    /// <summary>
    /// Any subset of labels (a Boolean or 0/1 vector per row; sigmoid head; Score per label + PredictedLabel, a Boolean
    /// vector).
    /// </summary>
    Multilabel,

    /// <summary>One or more numbers (Single or Single-vector labels; identity head; Score).</summary>
    Regression,

    /// <summary>
    /// An embedding where rows of the same label lie close (key labels; L2-normalized head; Score).
    /// </summary>
    Embedding,
}
