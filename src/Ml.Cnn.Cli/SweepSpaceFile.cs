using System.CommandLine;
using Ml.Cnn.Sweeps;

namespace Ml.Cnn.Cli;

/// <summary>
/// The --space file of <c>mlcnn sweep</c>: a <see cref="SearchSpace"/> whose names are <c>mlcnn train</c> option names
/// (without the dashes). Names train does not have, and options that cannot be swept (data, outputs, task, devices, seeds,
/// threads, checkpoints, image decoding), are refused naming the key.
/// </summary>
internal static class SweepSpaceFile
{
    /// <summary>Train options a sweep sets itself or that define the data and outputs rather than the training.</summary>
    public static readonly IReadOnlySet<string> NotSweepable = new HashSet<string>
    {
        "data", "model", "json", "force", "report", "history", "curves", "preview", "checkpoint-dir", "checkpoint-every", "resume",
        "device", "threads", "seed", "validation-fraction", "task", "targets", "test-targets", "positive", "color-mode", "image-size",
        "skip-unreadable", "test-fraction", "precision", "world-size", "rank", "master-addr", "master-port", "backend", "dist-timeout",
        "sync-batchnorm", "nproc-per-node",
    };

    /// <summary>Reads and checks the space file.</summary>
    /// <exception cref="UsageException">The file is missing or malformed, or a key is unknown or cannot be swept.</exception>
    public static SearchSpace Read(string path, IEnumerable<Option> trainOptions)
    {
        if (!File.Exists(path)) throw new UsageException($"--space: file '{path}' not found.");
        SearchSpace space;
        try
        {
            space = SearchSpace.Parse(File.ReadAllText(path), path);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--space {e.Message}");
        }
        var names = trainOptions.Select(o => o.Name.TrimStart('-')).ToHashSet();
        foreach (var range in space)
        {
            if (!names.Contains(range.Name))
                throw new UsageException($"--space {path}: key '{range.Name}' is not an option of 'mlcnn train' (see 'mlcnn train --help'; write names without dashes, e.g. learning-rate).");
            if (NotSweepable.Contains(range.Name))
                throw new UsageException($"--space {path}: key '{range.Name}' cannot be swept (it sets the data, outputs, devices, seed or threads; give it as a fixed option instead).");
        }
        return space;
    }

    /// <summary>A trial's parameters as train flags: <c>--name value</c> each (Booleans as true/false).</summary>
    public static IEnumerable<string> Arguments(TrialParameters parameters) =>
        parameters.SelectMany(p => new[] { "--" + p.Key, ParameterValues.Format(p.Value) });
}
