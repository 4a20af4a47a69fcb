using System.Diagnostics;

namespace Ml.Cnn.Tests.Shared;

/// <summary>Runs a command of the build (pack.sh, dotnet) from a test, outside the test host's MSBuild settings.</summary>
internal static class ChildProcess
{
    /// <summary>Runs a command to its end (at most 5 minutes); returns its exit code and its output.</summary>
    /// <param name="file">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="folder">The working folder.</param>
    public static (int Code, string Output) Run(string file, string[] arguments, string folder)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The test host's MSBuild settings must not leak into the child builds, nor a libmlcnn given from outside into the
        // app, which must load the one in the package.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH", "MLCNN_NATIVE", "LD_LIBRARY_PATH" })
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} {string.Join(' ', arguments)} did not finish within 5 minutes");
        }
        return (process.ExitCode, output.Result + error.Result);
    }
}
