using Microsoft.ML;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli;

/// <summary>
/// The labeled data of an IDX split for a task: class labels (multiclass, embedding), class labels mapped to true/false by
/// --positive (binary), or a targets file joined to the images (regression, multilabel; then the IDX label file is not needed).
/// </summary>
internal static class TaskData
{
    public static IDataView Load(MLContext ml, string directory, string split, CnnTask task, string? positive, string? targets)
    {
        if (task is CnnTask.Regression or CnnTask.Multilabel)
        {
            if (targets is null)
                throw new UsageException($"The {Name(task)} task needs --targets (and --test-targets): a TSV or CSV file with a header row naming the targets and one row per image.");
            var (shape, pixels) = IdxReader.ReadImages(IdxReader.FindFile(directory, $"{split}-images-idx3-ubyte"));
            var (names, values) = TargetsFile.Read(targets, pixels.Length / shape.Size);
            return ImageRows.WithTargets(ml, shape, pixels, names, values, vector: task == CnnTask.Multilabel);
        }
        if (targets is not null) throw new UsageException($"--targets is for the regression and multilabel tasks, not {Name(task)}.");
        var view = ml.Data.LoadIdx(directory, split);
        if (task != CnnTask.Binary)
        {
            if (positive is not null) throw new UsageException($"--positive is for the binary task, not {Name(task)}.");
            return view;
        }
        return Binary(ml, view, positive, $"{directory} ({split})");
    }

    /// <summary>Text class labels mapped to true (the --positive labels) and false with ML.NET's <c>MapValue</c>, for the binary task.</summary>
    public static IDataView Binary(MLContext ml, IDataView view, string? positive, string where)
    {
        if (positive is null)
            throw new UsageException("The binary task needs --positive LABEL[,LABEL...]: the class label(s) that count as true (one-vs-rest), e.g. --positive 5,7,9.");
        var classes = ClassLabels.Read(view);
        var positives = positive.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var unknown = positives.Where(p => !classes.Contains(p)).ToArray();
        if (unknown.Length > 0)
            throw new UsageException($"--positive names label(s) {string.Join(", ", unknown)} that {where} does not hold.");
        var pairs = classes.Select(c => new KeyValuePair<string, bool>(c, positives.Contains(c)));
        return ml.Transforms.Conversion.MapValue(DefaultColumnNames.Label, pairs, DefaultColumnNames.Label).Fit(view).Transform(view);
    }

    public static string Name(CnnTask task) => task.ToString().ToLowerInvariant();
}
