namespace Ml.Cnn;

/// <summary>
/// The one rule that turns a multilabel probability (or a 0/1 label value) into a decision: a label is present when its
/// value is above <see cref="Threshold"/>. The multilabel model's <c>PredictedLabel</c>, the multilabel evaluators and the
/// <c>mlcnn</c> tool all decide with it.
/// </summary>
public static class MultilabelDecision
{
    /// <summary>The probability a label's score must exceed to be predicted: 0.5.</summary>
    public const float Threshold = 0.5f;

    /// <summary>True when <paramref name="value"/> (a probability, or a 0/1 label value) is above <see cref="Threshold"/>.</summary>
    /// <param name="value">A sigmoid probability or a label value in [0, 1].</param>
    public static bool IsPresent(float value) => value > Threshold;
}
