using System.Diagnostics;
using System.Text;

namespace Ml.Cnn.Cli.Tests;

/// <summary>An <c>mlcnn</c> process of this build (<c>dotnet mlcnn.dll ...</c>) with its stdout and stderr collected; killed on dispose if still running.</summary>
internal sealed class CliProcess : IDisposable
{
    private CliProcess(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    public StringBuilder Output { get; } = new();

    public StringBuilder Errors { get; } = new();

    public static CliProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts the process with these environment variables added to this one's.</summary>
    public static CliProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var (name, value) in environment) info.Environment[name] = value;
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlcnn.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        var started = new CliProcess(Process.Start(info)!);
        started.Process.OutputDataReceived += (_, e) => { lock (started.Output) started.Output.AppendLine(e.Data); };
        started.Process.ErrorDataReceived += (_, e) => { lock (started.Errors) started.Errors.AppendLine(e.Data); };
        started.Process.BeginOutputReadLine();
        started.Process.BeginErrorReadLine();
        return started;
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
