namespace Ml.Cnn.Heads;

/// <summary>Reads the label of a cursor's current row as the training targets of its task.</summary>
internal interface ILabelReader
{
    /// <summary>Writes the current row's targets (class index, 0/1, or the target values); a missing or invalid label throws naming the row.</summary>
    void WriteTarget(Span<float> destination);
}
