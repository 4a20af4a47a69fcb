namespace Ml.Cnn.Transforms;

/// <summary>
/// Reads a TSV/CSV table of image paths and labels. The separator is a tab when the first line has one, else a comma,
/// else a semicolon. The first row is a header when it names a path column (path, image, file, filename) or a label column
/// (label, class, target), ignoring case, and its path cell is not an existing file; the named columns are used, else the
/// first two (path, then label). Relative paths are relative to the table's folder. Row numbers are 1-based file lines.
/// </summary>
internal static class ImageTableSource
{
    private static readonly string[] PathNames = ["path", "image", "file", "filename"];
    private static readonly string[] LabelNames = ["label", "class", "target"];

    /// <summary>Rows with more cells than the header (or than path and label) and files listed twice with other labels, each
    /// warned about up to this many times; then one sentence counts the rest.</summary>
    private const int WarningsPerKind = 5;

    /// <summary>The rows' files and labels, in file order; rows with a missing file or label fail or are skipped.</summary>
    /// <param name="path">The table file.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="skipped">Receives a description of each skipped row.</param>
    /// <param name="warnings">Receives rows with extra cells and files listed twice with different labels (both rows are kept).</param>
    public static List<ImageCandidate> Read(string path, ImageLoadOptions options, List<string> skipped, List<string> warnings)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Image table '{path}' does not exist.", path);
        var lines = File.ReadAllLines(path);
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0) throw new ArgumentException($"Image table '{path}' is empty; it needs one row per image: path, label.", nameof(path));
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = Path.GetFileName(path);
        var separator = DelimitedLine.DetectSeparator(lines[first]);
        var headerCells = DelimitedLine.Split(lines[first], separator) ?? [lines[first]];
        var (pathColumn, labelColumn, header) = Columns(headerCells, folder);
        var width = header ? headerCells.Count : Math.Max(2, headerCells.Count);
        var candidates = new List<ImageCandidate>();
        var firstListing = new Dictionary<string, (string Label, int Row)>(StringComparer.Ordinal);
        var (extraRows, relabeled) = (new List<string>(), new List<string>());
        for (var i = header ? first + 1 : first; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var split = DelimitedLine.Split(lines[i], separator);
            var cells = split ?? [];
            var origin = $"{name} row {i + 1}";
            var file = pathColumn < cells.Count ? cells[pathColumn] : "";
            var label = labelColumn < cells.Count ? cells[labelColumn] : "";
            var full = file.Length == 0 || file.Contains('\0') ? "" : Path.GetFullPath(Path.Combine(folder, file));
            var problem = split is null ? "has a quoted cell without its closing quote"
                : file.Length == 0 ? "has no path"
                : full.Length == 0 ? "has a path with a NUL character, which no file name can hold"
                : !File.Exists(full) ? $"names image file '{full}', which does not exist (relative paths are relative to '{folder}')"
                : label.Length == 0 ? $"has an empty label for '{file}'"
                : null;
            if (cells.Count > width)
                extraRows.Add($"row {i + 1} has {cells.Count} cells but {(header ? "the header names" : "the first row has")} {width}; the extra cells are ignored");
            if (problem is null && !firstListing.TryAdd(full, (label, i + 1)) && firstListing[full].Label != label)
                relabeled.Add($"row {i + 1} lists '{file}' with label '{label}' but row {firstListing[full].Row} lists it with label '{firstListing[full].Label}'; both rows are kept");
            if (problem is null) candidates.Add(new ImageCandidate(full, label, origin));
            else if (options.SkipUnreadable) skipped.Add($"{origin}: {(file.Length == 0 ? "(no path)" : file)}");
            else
                throw new ArgumentException(
                    $"Image table '{path}' row {i + 1} {problem}. Fix the row, or set ImageLoadOptions.SkipUnreadable = true to skip such rows" +
                    (i == first && !header ? $" (if row {i + 1} is a header, name its columns path and label)." : "."), nameof(path));
        }
        if (candidates.Count == 0)
            throw new ArgumentException($"Image table '{path}' lists no usable images ({skipped.Count} rows skipped).", nameof(path));
        Warn(path, extraRows, "rows with extra cells", warnings);
        Warn(path, relabeled, "files listed again with another label", warnings);
        return candidates;
    }

    private static void Warn(string table, List<string> found, string kind, List<string> warnings)
    {
        foreach (var sentence in found.Take(WarningsPerKind)) warnings.Add($"Image table '{table}' {sentence}.");
        if (found.Count > WarningsPerKind) warnings.Add($"Image table '{table}' has {found.Count - WarningsPerKind} more {kind}.");
    }

    private static (int Path, int Label, bool Header) Columns(List<string> cells, string folder)
    {
        var path = cells.FindIndex(c => PathNames.Contains(c, StringComparer.OrdinalIgnoreCase));
        var label = cells.FindIndex(c => LabelNames.Contains(c, StringComparer.OrdinalIgnoreCase));
        if (path < 0 && label < 0) return (0, 1, false);
        path = path >= 0 ? path : label == 0 ? 1 : 0;
        label = label >= 0 ? label : path == 0 ? 1 : 0;
        var isFile = path < cells.Count && cells[path].Length > 0 && File.Exists(Path.Combine(folder, cells[path]));
        return isFile ? (0, 1, false) : (path, label, true);
    }
}
