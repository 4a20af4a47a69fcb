namespace Ml.Cnn.Training;

/// <summary>
/// The accuracy shown while training, from raw outputs: argmax = label (multiclass), sign of the logit = label (binary),
/// per label (multilabel, as Keras' binary accuracy); none for regression and embeddings.
/// </summary>
internal static class TaskAccuracy
{
    /// <summary>True when the task has an accuracy.</summary>
    public static bool Applies(CnnTask task) => task is CnnTask.Multiclass or CnnTask.Binary or CnnTask.Multilabel;

    /// <summary>Correct decisions and decisions made for <paramref name="rows"/> rows.</summary>
    public static (long Correct, long Total) Count(CnnTask task, ReadOnlySpan<float> outputs, int width, ReadOnlySpan<float> targets, int rows)
    {
        long correct = 0;
        switch (task)
        {
            case CnnTask.Multiclass:
                for (var i = 0; i < rows; i++)
                    if (Prediction.ArgMax(outputs.Slice(i * width, width)) == (int)targets[i]) correct++;
                return (correct, rows);
            case CnnTask.Binary:
            case CnnTask.Multilabel:
                // A logit above 0 is a probability above MultilabelDecision.Threshold, the decision the models make.
                for (var i = 0; i < rows * width; i++)
                    if (outputs[i] > 0 == MultilabelDecision.IsPresent(targets[i])) correct++;
                return (correct, (long)rows * width);
            default:
                return (0, 0);
        }
    }
}
