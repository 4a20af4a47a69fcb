using Ml.Cnn.Legacy;
namespace Ml.Cnn.Training;

/// <summary>The supervised task a trainer solves; it fixes the label type, the output head and the losses that fit.</summary>
public enum CnnTask
{
    /// <summary>One of several classes (text labels; softmax head; Score per class + PredictedLabel).</summary>
    Multiclass,

    /// <summary>Yes or no (bool labels; sigmoid head; Score, Probability, PredictedLabel).</summary>
    Binary,

    /// <summary>Any subset of labels (a 0/1 vector per row; sigmoid head; Score per label + PredictedLabels).</summary>
    Multilabel,

    /// <summary>One or more numbers (float labels; identity head; Score).</summary>
    Regression,

    /// <summary>An embedding where rows of the same label lie close (text labels; L2-normalized head; Embedding).</summary>
    Embedding,
}
