using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Interactive.Tests;

/// <summary>
/// Every notebook of examples/notebooks runs in a .NET Interactive C# kernel in this process, loading MlCnn as a user
/// would (<c>#r "nuget: Ml.Cnn.Interactive"</c> from the local feed scripts/pack.sh writes), with no error output, and
/// shows what it is there to show: HTML tables, SVG charts, PNG images, a progress display replaced in place.
/// </summary>
public sealed class NotebookTests
{
    private static readonly TimeSpan CellLimit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task The_existing_pipeline_notebook_shows_summary_progress_curves_confusion_preview_and_predictions()
    {
        var cells = await RunAsync("01-existing-pipeline.ipynb");
        var html = Html(cells);
        Assert.Contains("<th>Layer (type)</th>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"mlcnn-curves\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"mlcnn-confusion\"", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("class=\"tiles\"", html, StringComparison.Ordinal);
        Assert.Contains(cells, c => c.Updates > 0 && c.Outputs.Any(o => o.Value.Contains("class=\"progress\"", StringComparison.Ordinal)));
        Assert.Contains("Done: 5 epochs", html, StringComparison.Ordinal);
        Assert.Contains(cells, c => c.Outputs.Any(o => o.Value.Contains("reloaded model agrees", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_imbalance_notebook_compares_per_class_recall_in_a_chart()
    {
        var html = Html(await RunAsync("02-imbalanced-classes.ipynb"));
        Assert.Contains("class=\"mlcnn-bars\"", html, StringComparison.Ordinal);
        foreach (var series in new[] { "focal loss", "class weights", "balanced sampling" })
            Assert.Contains(series, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_own_images_notebook_trains_on_a_class_folder_tree_with_early_stopping_and_shows_the_report_and_a_sweep()
    {
        var html = Html(await RunAsync("03-your-own-images.ipynb"));
        Assert.Contains("<h3>Sweep learning-rate</h3>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"mlcnn-sweep-trials\"", html, StringComparison.Ordinal);
        Assert.Contains("<iframe", html, StringComparison.Ordinal);
        Assert.Contains("Training curves", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"data:image/png;base64,", html, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<CellRun>> RunAsync(string name)
    {
        using var cacheLock = PackageCacheLock.Acquire();
        var (code, output) = ChildProcess.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "pack.sh"), "--no-build"], RepoPaths.Root);
        Assert.True(code == 0, output);
        PackageCacheLock.ForgetCachedPackages(PackageVersion());
        var cells = await NotebookRun.ExecuteAsync(Path.Combine(RepoPaths.Root, "examples", "notebooks", name), CellLimit);
        var failed = cells.FirstOrDefault(c => c.Errors.Count > 0);
        Assert.True(failed is null, failed is null ? "" : $"cell {failed.Index} of {name} failed:\n{failed.Code}\n---\n{string.Join('\n', failed.Errors)}");
        Assert.NotEmpty(cells);
        return cells;
    }

    private static string Html(IReadOnlyList<CellRun> cells) =>
        string.Join('\n', cells.SelectMany(c => c.Outputs).Where(o => o.Mime == "text/html").Select(o => o.Value));

    private static string PackageVersion()
    {
        var props = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        var start = props.IndexOf("<Version>", StringComparison.Ordinal) + "<Version>".Length;
        return props[start..props.IndexOf("</Version>", start, StringComparison.Ordinal)];
    }
}
