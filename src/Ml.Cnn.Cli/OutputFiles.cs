namespace Ml.Cnn.Cli;

/// <summary>
/// The files <c>mlcnn train</c> writes (model, report, history, curves, preview): all checked with
/// <see cref="AtomicFile.CheckWritable"/> before any data is read, so a training is never thrown away for an unwritable
/// path; the model is saved with a fallback path when its own path fails anyway (it changed during training).
/// </summary>
internal sealed class OutputFiles(bool force)
{
    private readonly List<(string Path, string What)> _files = [];

    /// <summary>Adds an output to check; null (not asked for) is ignored.</summary>
    public void Add(string? path, string what)
    {
        if (path is not null) _files.Add((path, what));
    }

    /// <summary>Checks every output; the first that cannot be written throws, naming it and the reason.</summary>
    public void CheckAll()
    {
        foreach (var (path, what) in _files) AtomicFile.CheckWritable(path, what, overwriteReadOnly: force);
    }

    /// <summary>
    /// With --force, gives a write-protected output back its owner's write permission just before it is written, so the
    /// library's writer (which respects write protection) replaces it; without --force, does nothing.
    /// </summary>
    public void Unprotect(string path)
    {
        if (!force) return;
        var status = PathStatus.Of(path);
        if (status.IsWriteProtected && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, status.Mode | UnixFileMode.UserWrite);
    }

    /// <summary>
    /// Saves the model to <paramref name="path"/>; when that fails, to a fallback path in the working folder, else in the
    /// temporary folder, and says where on <paramref name="stderr"/>.
    /// </summary>
    /// <param name="save">Saves the model to the path it is given.</param>
    /// <param name="path">Where the user asked for the model.</param>
    /// <param name="stderr">Where the fallback is reported.</param>
    /// <returns>True when the model is at <paramref name="path"/>, false when it went to a fallback path.</returns>
    /// <exception cref="IOException">No path could be written; the message names them all.</exception>
    public bool SaveModel(Action<string> save, string path, TextWriter stderr)
    {
        try
        {
            Unprotect(path);
            save(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var name = $"mlcnn-rescued-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.zip";
            var tried = new List<string>();
            foreach (var folder in new[] { Environment.CurrentDirectory, Path.GetTempPath() })
            {
                var fallback = Path.Combine(folder, name);
                try
                {
                    save(fallback);
                    stderr.WriteLine($"mlcnn: error: {MlCnnCommand.OneLine(e)} The trained model was saved to {fallback} instead; move it where you want it.");
                    return false;
                }
                catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
                {
                    tried.Add($"{fallback} ({inner.Message})");
                }
            }
            throw new IOException($"{e.Message} The fallback paths failed too: {string.Join("; ", tried)}. The trained model is lost.", e);
        }
    }
}
