using Ml.Cnn.Legacy;
using System.Text;

namespace Ml.Cnn;

/// <summary>
/// Writes a file so that a crash or a killed process never leaves it half-written: the content goes to a temporary file
/// in the same folder (<c>.NAME.tmp</c>), is flushed to disk, then renamed over the target. Models, checkpoints, reports
/// and class weights are all saved this way.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes through <paramref name="write"/>, replacing any file at <paramref name="path"/>.</summary>
    /// <param name="path">The destination file; its folder must exist.</param>
    /// <param name="what">What is saved, for error messages (e.g. "model").</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The file cannot be written; the message names it and the reason.</exception>
    public static void Write(string path, string what, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Cannot save the {what} to '{full}': folder '{directory}' does not exist; create it first.");
        if (Directory.Exists(full)) throw new IOException($"Cannot save the {what} to '{full}': a folder has that name.");
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(file);
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

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark).</summary>
    /// <param name="path">The destination file; its folder must exist.</param>
    /// <param name="text">The content.</param>
    /// <param name="what">What is saved, for error messages.</param>
    public static void WriteAllText(string path, string text, string what) =>
        Write(path, what, stream => stream.Write(Utf8.GetBytes(text)));
}
