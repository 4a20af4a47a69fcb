using Ml.Cnn.Legacy;
using System.Globalization;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli;

/// <summary>
/// Writes what the library reports about loaded data as stderr lines: the image-file summary and its warnings (rows with
/// extra cells, files listed twice, links not followed), the IDX label warning, and files that failed to decode later.
/// </summary>
internal static class LoadWarnings
{
    /// <summary>The summary line and warnings of the training data.</summary>
    public static void Write(DataView view, string imageColumn, string labelColumn, TextWriter stderr)
    {
        if (view.GetColumn<ImageColumn>(imageColumn) is ImageFileColumn { Summary: var summary })
        {
            stderr.WriteLine($"mlcnn: {summary}");
            foreach (var warning in summary.Warnings) stderr.WriteLine($"mlcnn: warning: {warning}");
            return;
        }
        if (view.HasColumn(labelColumn) && view.GetColumn<DataColumn>(labelColumn) is ScalarColumn<string> text &&
            IdxLabels(text.Values) is { } labels && IdxReader.LabelWarning(labels) is { } idx)
            stderr.WriteLine($"mlcnn: warning: {idx}");
    }

    /// <summary>The scored rows whose image decoded: rows of files that failed after loading (with --skip-unreadable) are left out.</summary>
    public static DataView WithoutUndecodable(DataView input, DataView scored, string imageColumn)
    {
        if (input.GetColumn<ImageColumn>(imageColumn) is not ImageFileColumn { Summary.DecodeFailures: { Count: > 0 } failed } files) return scored;
        var keep = Enumerable.Range(0, files.RowCount).Where(i => !failed.ContainsKey(files.Paths[i])).ToArray();
        return scored.Select(keep);
    }

    /// <summary>
    /// With --skip-unreadable, the closing report: one line counting the files skipped at load (header or pixels) and one
    /// naming the files that failed to decode after loading, if any.
    /// </summary>
    public static void WriteSkipped(DataView view, string imageColumn, TextWriter stderr)
    {
        if (view.GetColumn<ImageColumn>(imageColumn) is not ImageFileColumn { SkipUnreadable: true, Summary: var summary }) return;
        if (summary.UnreadableSkipped > 0)
            stderr.WriteLine($"mlcnn: --skip-unreadable: {summary.UnreadableSkipped} files skipped at load: " +
                             $"{string.Join("; ", summary.SkippedFiles.Take(3))}{(summary.UnreadableSkipped > 3 ? "; ..." : "")}");
        if (summary.DecodeFailures is not { Count: > 0 } failed) return;
        var listed = string.Join("; ", failed.OrderBy(f => f.Key, StringComparer.Ordinal).Take(5).Select(f => $"{f.Key}: {f.Value}"));
        stderr.WriteLine($"mlcnn: --skip-unreadable: {failed.Count} image files failed to decode after loading (changed since?) and were " +
                         $"skipped (blank while training, left out of the metrics): {listed}{(failed.Count > 5 ? "; ..." : "")}");
    }

    private static byte[]? IdxLabels(IReadOnlyList<string> values)
    {
        var bytes = new byte[values.Count];
        for (var i = 0; i < bytes.Length; i++)
            if (!byte.TryParse(values[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i])) return null;
        return bytes;
    }
}
