using Ml.Cnn.Legacy;
namespace Ml.Cnn.Training;

/// <summary>The supervised task a trainer solves; it fixes the label type, the output head and the losses that fit.</summary>
public enum CnnTask
{
    /// <summary>One of several classes (text labels; softmax head; Score per class + PredictedLabel).</summary>
    Multiclass,

    /// <summary>Yes or no (bool labels; sigmoid head; Score, Probability, PredictedLabel).</summary>
    Binary,

    /// <summary>
    /// Any subset of labels (a Boolean or 0/1 vector per row; sigmoid head; Score per label + PredictedLabel, a Boolean vector;
    /// the legacy API adds PredictedLabels, 0/1 values).
    /// </summary>
    Multilabel,

    /// <summary>One or more numbers (float labels; identity head; Score).</summary>
    Regression,

    /// <summary>
    /// An embedding where rows of the same label lie close (key labels, text in the legacy API; L2-normalized head; Score,
    /// Embedding in the legacy API).
    /// </summary>
    Embedding,
}
