using System.Text;

namespace Ml.Cnn.Reports;

/// <summary>Writes a text file through a temporary file in the same folder, flushed to disk, then renamed over the target.</summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 to <paramref name="path"/>, replacing any file there.</summary>
    /// <param name="path">The destination file; its folder must exist.</param>
    /// <param name="text">The content.</param>
    /// <param name="what">What is saved, for error messages (e.g. "training report").</param>
    public static void WriteAllText(string path, string text, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot save the {what} to '{full}': folder '{directory}' does not exist; create it first.");
        if (Directory.Exists(full))
            throw new IOException($"Cannot save the {what} to '{full}': a folder has that name.");
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(Utf8.GetBytes(text));
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot save the {what} to '{full}': {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
