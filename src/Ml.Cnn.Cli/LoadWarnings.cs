using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli;

/// <summary>
/// Writes what the library reports about loaded data as stderr lines: the image-file summary and its warnings (rows with
/// extra cells, files listed twice, links not followed), the IDX label warning, and the files skipped as unreadable.
/// </summary>
internal static class LoadWarnings
{
    /// <summary>The summary line and warnings of the loaded image files, or the IDX label warning.</summary>
    public static void Write(ImageFileDataView? files, string? labelWarning, TextWriter stderr)
    {
        if (files is { Summary: var summary })
        {
            stderr.WriteLine($"mlcnn: {summary}");
            foreach (var warning in summary.Warnings) stderr.WriteLine($"mlcnn: warning: {warning}");
            return;
        }
        if (labelWarning is not null) stderr.WriteLine($"mlcnn: warning: {labelWarning}");
    }

    /// <summary>With --skip-unreadable, the closing report: one line counting the files skipped at load (header or pixels), if any.</summary>
    public static void WriteSkipped(ImageFileDataView? files, TextWriter stderr)
    {
        if (files is not { Summary: { UnreadableSkipped: > 0 } summary }) return;
        stderr.WriteLine($"mlcnn: --skip-unreadable: {summary.UnreadableSkipped} files skipped at load: " +
                         $"{string.Join("; ", summary.SkippedFiles.Take(3))}{(summary.UnreadableSkipped > 3 ? "; ..." : "")}");
    }
}
