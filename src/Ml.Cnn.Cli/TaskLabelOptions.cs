using System.CommandLine;
using Microsoft.ML;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary>Where the labels of the non-multiclass tasks come from: --positive (binary) and --targets / --test-targets (regression, multilabel).</summary>
internal sealed class TaskLabelOptions
{
    public Option<string?> Positive { get; } = new("--positive")
    {
        Description = "Binary task: the class label(s) of the IDX label file that count as true, comma-separated (one-vs-rest), e.g. 5,7,9.",
    };

    public Option<string?> Targets { get; } = new("--targets")
    {
        Description = "Regression / multilabel: TSV or CSV with a header row naming the targets, one row per image of DIR/train-images (multilabel values 0 or 1).",
    };

    public Option<string?> TestTargets { get; } = new("--test-targets") { Description = "The same for DIR/t10k-images." };

    public IEnumerable<Option> All => [Positive, Targets, TestTargets];

    /// <summary>The labeled view of a split for the task.</summary>
    public IDataView Load(ParseResult r, MLContext ml, string directory, string split, CnnTask task) =>
        TaskData.Load(ml, directory, split, task, r.GetValue(Positive), split == "train" ? r.GetValue(Targets) : r.GetValue(TestTargets));
}
