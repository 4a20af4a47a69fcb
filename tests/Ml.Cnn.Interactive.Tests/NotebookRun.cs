using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace Ml.Cnn.Interactive.Tests;

/// <summary>What one code cell of a notebook produced.</summary>
/// <param name="Index">The cell's position among the notebook's cells.</param>
/// <param name="Code">The cell's code.</param>
/// <param name="Outputs">Each output's MIME type and text (displays, updates, return values, standard output).</param>
/// <param name="Errors">Errors: a failed command, an error output, standard error.</param>
/// <param name="Updates">How many times a display was replaced in place.</param>
internal sealed record CellRun(int Index, string Code, IReadOnlyList<(string Mime, string Value)> Outputs, IReadOnlyList<string> Errors, int Updates);

/// <summary>Runs every code cell of an .ipynb file in a fresh <see cref="NotebookKernel"/>, in the notebook's folder, in order.</summary>
internal static class NotebookRun
{
    /// <summary>Runs the notebook; stops at the first cell with an error.</summary>
    /// <param name="path">The .ipynb file.</param>
    /// <param name="cellTimeout">Each cell's time limit.</param>
    public static async Task<IReadOnlyList<CellRun>> ExecuteAsync(string path, TimeSpan cellTimeout)
    {
        var document = Notebook.Parse(await File.ReadAllTextAsync(path));
        var folder = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        try
        {
            using var kernel = new NotebookKernel();
            var runs = new List<CellRun>();
            for (var i = 0; i < document.Elements.Count; i++)
            {
                var cell = document.Elements[i];
                if (cell.KernelName is "markdown" or null || string.IsNullOrWhiteSpace(cell.Contents)) continue;
                var run = Collect(i, cell, await kernel.RunAsync(cell.Contents, cellTimeout));
                runs.Add(run);
                if (run.Errors.Count > 0) break;
            }
            return runs;
        }
        finally
        {
            Environment.CurrentDirectory = folder;
        }
    }

    private static CellRun Collect(int index, InteractiveDocumentElement cell, IReadOnlyList<KernelEvent> events)
    {
        var outputs = new List<(string, string)>();
        var errors = new List<string>();
        var updates = 0;
        foreach (var e in events)
        {
            switch (e)
            {
                case StandardErrorValueProduced stderr:
                    errors.AddRange(stderr.FormattedValues.Select(v => "standard error: " + v.Value));
                    break;
                case ErrorProduced error:
                    errors.Add(error.Message);
                    break;
                case DisplayEvent display:
                    if (e is DisplayedValueUpdated) updates++;
                    outputs.AddRange(display.FormattedValues.Select(v => (v.MimeType, v.Value)));
                    break;
                case CommandFailed failed:
                    errors.Add(failed.Message);
                    break;
            }
        }
        return new CellRun(index, cell.Contents, outputs, errors, updates);
    }
}
