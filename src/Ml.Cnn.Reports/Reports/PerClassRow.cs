namespace Ml.Cnn.Reports;

/// <summary>One class's row in a report's per-class table.</summary>
/// <param name="Label">The class label.</param>
/// <param name="Precision">Correct predictions of the class / all predictions of it.</param>
/// <param name="Recall">Correct predictions of the class / rows of it.</param>
/// <param name="F1">Harmonic mean of precision and recall.</param>
public sealed record PerClassRow(string Label, double Precision, double Recall, double F1);
