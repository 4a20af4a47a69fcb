using System.Reactive.Linq;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Ml.Cnn.Interactive.Tests;

/// <summary>
/// A C# kernel in this process, as the dotnet-interactive tool makes it for a notebook: <c>#r "nuget:"</c> and <c>#i</c>,
/// the kernel helpers (<c>display</c>), and the extensions of added packages (their
/// <c>interactive-extensions/dotnet/extension.dib</c>, run after the cell that added them, as the tool does).
/// </summary>
internal sealed class NotebookKernel : IDisposable
{
    private readonly CompositeKernel _kernel;
    private readonly Queue<string> _addedPackages = new();
    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;

    public NotebookKernel()
    {
        Formatter.ResetToDefault();
        var csharp = new CSharpKernel().UseKernelHelpers().UseNugetDirective((kernel, references) =>
        {
            kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
            return Task.CompletedTask;
        });
        _kernel = new CompositeKernel { csharp };
        _kernel.DefaultKernelName = csharp.Name;
        _subscription = _kernel.KernelEvents.OfType<PackageAdded>().Subscribe(added =>
        {
            lock (_addedPackages) _addedPackages.Enqueue(added.PackageReference.PackageRoot);
        });
    }

    /// <summary>Runs one cell, then the extension scripts of the packages it added; returns every event.</summary>
    /// <param name="code">The cell's code.</param>
    /// <param name="timeout">The cell's time limit.</param>
    /// <exception cref="TimeoutException">The cell ran past <paramref name="timeout"/> (it is cancelled, and waited for a minute more).</exception>
    public async Task<IReadOnlyList<KernelEvent>> RunAsync(string code, TimeSpan timeout)
    {
        var events = new List<KernelEvent>();
        var run = _kernel.SendAsync(new SubmitCode(code));
        if (await Task.WhenAny(run, Task.Delay(timeout)) != run)
        {
            await Task.WhenAny(_kernel.SendAsync(new Cancel()), Task.Delay(TimeSpan.FromSeconds(10)));
            var ended = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(1))) == run;
            throw new TimeoutException($"The cell ran past its limit of {timeout.TotalSeconds:F0} s" +
                (ended ? " and was cancelled" : " and still runs after a cancel: the notebooks after it share the machine with it") + $":\n{code}");
        }
        events.AddRange((await run).Events);
        while (NextExtension() is { } script)
            events.AddRange((await _kernel.SendAsync(new SubmitCode(script))).Events);
        return events;
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _kernel.Dispose();
        Formatter.ResetToDefault();
    }

    private string? NextExtension()
    {
        lock (_addedPackages)
        {
            while (_addedPackages.TryDequeue(out var root))
            {
                var script = Path.Combine(root, "interactive-extensions", "dotnet", "extension.dib");
                if (File.Exists(script) && _loaded.Add(root))
                    return string.Join('\n', File.ReadAllLines(script).Where(l => !l.StartsWith("#!", StringComparison.Ordinal)));
            }
            return null;
        }
    }
}
