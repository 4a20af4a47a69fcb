using System.Text;

namespace Ml.Cnn;

/// <summary>
/// Writes a file so that a crash or a killed process never leaves it half-written, and so that concurrent writers never
/// leave no file: each writer puts the content into its own temporary file in the target's folder
/// (<c>.NAME.PID.RANDOM.tmp</c>), flushes it to disk and renames it over the target, so the last writer wins; temporary
/// files left by killed writers are deleted by the next save. Models, checkpoints, reports and class weights are all saved
/// this way.
/// </summary>
/// <remarks>
/// What is at the path decides what happens: a symbolic link is followed and its final target is written (the link
/// stays); a folder, a device node, a FIFO or a socket is refused; a write-protected file (no write permission for its
/// owner) is refused unless <c>overwriteReadOnly</c> is true; a replaced file keeps its permission bits.
/// </remarks>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes through <paramref name="write"/>, replacing any file at <paramref name="path"/>.</summary>
    /// <param name="path">The destination file, or a symbolic link to it; its folder must exist.</param>
    /// <param name="what">What is saved, for error messages (e.g. "model").</param>
    /// <param name="write">Writes the content to the stream it is given.</param>
    /// <param name="overwriteReadOnly">Replace a write-protected file instead of refusing to.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The path is a folder, a device node, a FIFO, a socket or a write-protected file, or the
    /// file cannot be written; the message names it and the reason.</exception>
    public static void Write(string path, string what, Action<Stream> write, bool overwriteReadOnly = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (target, existing) = Resolve(path, what, overwriteReadOnly);
        var temp = TempName(target);
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }
            if (existing.Kind == FileKind.Regular && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, existing.Mode);
            File.Move(temp, target, overwrite: true);
            DeleteOrphans(target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot save the {what} to '{target}': {e.Message}", e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark).</summary>
    /// <param name="path">The destination file; its folder must exist.</param>
    /// <param name="text">The content.</param>
    /// <param name="what">What is saved, for error messages.</param>
    /// <param name="overwriteReadOnly">Replace a write-protected file instead of refusing to.</param>
    public static void WriteAllText(string path, string text, string what, bool overwriteReadOnly = false) =>
        Write(path, what, stream => stream.Write(Utf8.GetBytes(text)), overwriteReadOnly);

    /// <summary>
    /// Checks, without changing anything at <paramref name="path"/>, that <see cref="Write"/> could save there now: the
    /// same checks of what is at the path, and a probe file created and deleted in the target's folder. Call it before
    /// long work whose result would otherwise be lost.
    /// </summary>
    /// <param name="path">The destination file, or a symbolic link to it.</param>
    /// <param name="what">What will be saved, for error messages (e.g. "model").</param>
    /// <param name="overwriteReadOnly">A write-protected file will be replaced, so it is not an error.</param>
    /// <returns>The file that will be written: <paramref name="path"/> made absolute, or the final target of a symbolic link.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="IOException">The path cannot be written; the message names it, the reason and what to do.</exception>
    public static string CheckWritable(string path, string what, bool overwriteReadOnly = false)
    {
        var (target, _) = Resolve(path, what, overwriteReadOnly);
        var probe = TempName(target);
        try
        {
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot save the {what} to '{target}': its folder does not accept new files ({e.Message}). " +
                                  "Choose a writable folder.", e);
        }
        finally
        {
            File.Delete(probe);
        }
        return target;
    }

    /// <summary>The file to write (after following symbolic links) and what is there now; throws for anything not to be replaced.</summary>
    private static (string Target, PathStatus Existing) Resolve(string path, string what, bool overwriteReadOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        var full = Path.GetFullPath(path);
        var target = full;
        try
        {
            if (PathStatus.OfLink(full).Kind == FileKind.SymbolicLink)
                target = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }
        catch (Exception e) when (e is IOException or CnnNativeException)
        {
            throw new IOException($"Cannot save the {what} to '{full}': the symbolic link cannot be followed ({e.Message}).", e);
        }
        var directory = Path.GetDirectoryName(target)!;
        var prefix = target == full ? $"Cannot save the {what} to '{full}'" : $"Cannot save the {what} to '{full}' (a link to '{target}')";
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{prefix}: folder '{directory}' does not exist; create it first.");
        PathStatus existing;
        try
        {
            existing = PathStatus.Of(target);
        }
        catch (CnnNativeException e)
        {
            throw new IOException($"{prefix}: {e.NativeMessage}", e);
        }
        switch (existing.Kind)
        {
            case FileKind.Directory:
                throw new IOException($"{prefix}: a folder has that name. Give the path of a file (it may be inside that folder).");
            case FileKind.Other:
                throw new IOException($"{prefix}: it is a device node, FIFO or socket, not a regular file, and is never replaced. Give a regular file path.");
            case FileKind.Regular when existing.IsWriteProtected && !overwriteReadOnly:
                throw new IOException($"{prefix}: the file is write-protected. Make it writable (chmod u+w), choose another path, " +
                                      "or allow replacing write-protected files (overwriteReadOnly; --force in mlcnn).");
        }
        return (target, existing);
    }

    /// <summary>
    /// Deletes the temporary files of this target left by writers that were killed mid-write (their process no longer
    /// exists); those of live writers stay. Best effort: a file that cannot be deleted is left.
    /// </summary>
    private static void DeleteOrphans(string target)
    {
        var prefix = $".{Path.GetFileName(target)}.";
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(target)!, prefix + "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            var parts = Path.GetFileName(file)[prefix.Length..].Split('.');
            if (parts.Length != 3 || !int.TryParse(parts[0], out var pid) || pid == Environment.ProcessId || IsRunning(pid)) continue;
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another writer's cleanup got there first, or the folder forbids it: nothing is lost either way.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string TempName(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
}
