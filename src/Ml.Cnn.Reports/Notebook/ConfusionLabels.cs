using Microsoft.ML.Data;

namespace Ml.Cnn.Notebook;

/// <summary>
/// The class labels of ML.NET's <see cref="ConfusionMatrix"/>, which it keeps to itself: they are read from the rows of
/// its own formatted table (<see cref="ConfusionMatrix.GetFormattedConfusionTable"/>, where long names carry their
/// index: <c>0. T-shirt/top ||</c>), else the classes are numbered.
/// </summary>
internal static class ConfusionLabels
{
    /// <summary>The labels in class order: one per class.</summary>
    /// <param name="matrix">ML.NET's confusion matrix.</param>
    public static IReadOnlyList<string> Of(ConfusionMatrix matrix)
    {
        var rows = matrix.GetFormattedConfusionTable().Split('\n')
            .SkipWhile(l => !l.TrimStart().StartsWith("TRUTH", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Contains("||", StringComparison.Ordinal) && !l.Contains("||=", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf("||", StringComparison.Ordinal)].Trim()).ToArray();
        // Long names are written "0. name" (the header then numbers the columns).
        if (rows.Select((r, i) => r.StartsWith(FormattableString.Invariant($"{i}. "), StringComparison.Ordinal)).All(b => b))
            rows = rows.Select((r, i) => r[FormattableString.Invariant($"{i}. ").Length..].Trim()).ToArray();
        return rows.Length == matrix.NumberOfClasses && rows.Distinct().Count() == rows.Length
            ? rows
            : Enumerable.Range(0, matrix.NumberOfClasses).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
