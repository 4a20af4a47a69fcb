using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ml.Cnn.Native;

/// <summary>
/// Finds libmlcnn: the <c>MLCNN_NATIVE</c> environment variable (a file or a folder), then the application folder,
/// then <c>runtimes/linux-x64/native</c> below it (where an application that uses the NuGet package gets it), then the
/// package's own <c>runtimes/linux-x64/native</c> beside this assembly's <c>lib/net10.0</c> (a notebook kernel loads
/// the package from the NuGet cache, away from its application folder), then <c>native/build</c> of a source checkout
/// above the application. A missing library is one clear error.
/// </summary>
internal static class NativeLibraryResolver
{
    private const string FileName = "libmlcnn.so";

#pragma warning disable CA2255 // A library must register its resolver before the first P/Invoke, whoever calls it.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library) return IntPtr.Zero;
        var tried = new List<string>();
        foreach (var candidate in Candidates())
        {
            tried.Add(candidate);
            if (File.Exists(candidate)) return NativeLibrary.Load(candidate);
        }
        throw new DllNotFoundException(
            $"libmlcnn was not found (looked at: {string.Join(", ", tried)}). Build it with 'bash scripts/build-native.sh' " +
            "(dotnet build does this), or set MLCNN_NATIVE to the file or its folder.");
    }

    private static IEnumerable<string> Candidates()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MLCNN_NATIVE");
        if (!string.IsNullOrWhiteSpace(fromEnv))
            yield return Directory.Exists(fromEnv) ? Path.Combine(fromEnv, FileName) : fromEnv;
        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", FileName);
        if (Path.GetDirectoryName(typeof(NativeLibraryResolver).Assembly.Location) is { Length: > 0 } assemblyFolder)
            yield return Path.GetFullPath(Path.Combine(assemblyFolder, "..", "..", "runtimes", "linux-x64", "native", FileName));
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "native", "build", FileName);
            if (File.Exists(candidate)) { yield return candidate; yield break; }
        }
    }
}
