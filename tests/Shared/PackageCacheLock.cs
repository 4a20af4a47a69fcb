namespace Ml.Cnn.Tests.Shared;

/// <summary>
/// Held while a test packs MlCnn into a feed, removes this version from the NuGet cache and restores it (the package
/// install test, the notebook tests): test assemblies run in parallel, and one must not empty the cache under the other.
/// A lock on a file, so it holds across processes; released on dispose.
/// </summary>
internal sealed class PackageCacheLock : IDisposable
{
    private readonly FileStream _file;

    private PackageCacheLock(FileStream file) => _file = file;

    /// <summary>Waits (up to 20 minutes) until no other test holds the lock, then holds it.</summary>
    /// <exception cref="TimeoutException">Another test held it for 20 minutes.</exception>
    public static PackageCacheLock Acquire()
    {
        var path = Path.Combine(Path.GetTempPath(), "mlcnn-nuget-cache.lock");
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (true)
        {
            try
            {
                return new PackageCacheLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"Another test held {path} for 20 minutes.", e);
            }
        }
    }

    /// <summary>Removes MlCnn's packages of <paramref name="version"/> from the NuGet cache, so a restore takes the ones just packed.</summary>
    /// <param name="version">The package version.</param>
    public static void ForgetCachedPackages(string version)
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (!Directory.Exists(cache)) return;
        foreach (var id in Directory.GetDirectories(cache, "ml.cnn*"))
        {
            var folder = Path.Combine(id, version);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _file.Dispose();
}
