using System.Globalization;

namespace Ml.Cnn.Cli;

/// <summary>
/// A targets file for the regression and multilabel tasks: a header row naming the targets (or labels), then one row per
/// image, in the order of the IDX image file; values separated by tabs or commas (detected from the header). Multilabel
/// values are 1 (present) or 0.
/// </summary>
internal static class TargetsFile
{
    /// <summary>The target names and the values, row after row (names.Length values per row).</summary>
    public static (string[] Names, float[] Values) Read(string path, int expectedRows)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Targets file '{path}' does not exist.", path);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"Targets file '{path}' is empty; it needs a header row naming the targets.");
        var separator = header.Contains('\t') ? '\t' : ',';
        var names = header.Split(separator).Select(n => n.Trim()).ToArray();
        if (names.Any(string.IsNullOrEmpty)) throw new InvalidDataException($"Targets file '{path}', row 1: the header has an empty column name.");
        var values = new List<float>(expectedRows * names.Length);
        var row = 1;
        while (reader.ReadLine() is { } line)
        {
            row++;
            if (line.Length == 0) continue;
            var cells = line.Split(separator);
            if (cells.Length != names.Length)
                throw new InvalidDataException($"Targets file '{path}', row {row}: {cells.Length} values but the header names {names.Length}.");
            for (var c = 0; c < cells.Length; c++)
            {
                if (!float.TryParse(cells[c].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
                    throw new InvalidDataException($"Targets file '{path}', row {row}, column '{names[c]}': '{cells[c]}' is not a finite number.");
                values.Add(v);
            }
        }
        var rows = values.Count / names.Length;
        if (rows != expectedRows)
            throw new InvalidDataException($"Targets file '{path}' has {rows} data rows but the images file holds {expectedRows} images; give one row per image, in order.");
        return (names, values.ToArray());
    }
}
