namespace Ml.Cnn.Notebook;

/// <summary>
/// Reads back the rows of the Keras-like summary text a model carries (<c>model.Summary()</c>, saved with the model):
/// the title line, then per layer its name, output shape and parameters at the header's column positions, then the totals.
/// </summary>
internal static class SummaryTable
{
    /// <summary>The parsed summary, or null when the text is not such a table.</summary>
    /// <param name="summary">The summary text.</param>
    public static (string Title, IReadOnlyList<string[]> Layers, IReadOnlyList<KeyValuePair<string, string>> Totals)? Parse(string summary)
    {
        var lines = summary.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var header = Array.FindIndex(lines, l => l.StartsWith("Layer (type)", StringComparison.Ordinal));
        if (header < 1) return null;
        var shapeAt = lines[header].IndexOf("Output Shape", StringComparison.Ordinal);
        var paramsAt = lines[header].IndexOf("Param #", StringComparison.Ordinal);
        if (shapeAt < 0 || paramsAt < shapeAt) return null;
        var layers = new List<string[]>();
        var i = header + 2;
        for (; i < lines.Length && !lines[i].StartsWith('='); i++)
        {
            var line = lines[i].PadRight(paramsAt);
            layers.Add([line[..shapeAt].Trim(), line[shapeAt..paramsAt].Trim(), line[paramsAt..].Trim()]);
        }
        var totals = lines.Skip(i + 1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .Select(p => new KeyValuePair<string, string>(p[0].Trim(), p[1].Trim())).ToArray();
        return layers.Count == 0 ? null : (lines[0], layers, totals);
    }
}
