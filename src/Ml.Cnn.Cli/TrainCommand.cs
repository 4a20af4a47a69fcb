using System.CommandLine;
using Microsoft.ML;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary><c>mlcnn train</c>: trains a model of any task on DIR/train-*, saves it, reports metrics on DIR/t10k-*.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var flags = new TrainFlags();
        var command = new Command("train", "Train a CNN on DIR/train-* and report metrics on DIR/t10k-*.");
        foreach (var option in flags.All) command.Options.Add(option);
        var (images, labels, outputs, seed) = (flags.Images, flags.Labels, flags.Outputs, flags.Seed);
        command.SetAction(r => MlCnnCommand.Guard(stderr, () =>
        {
            if (r.GetValue(flags.ProcessesPerNode) is { } processes)
            {
                if (processes < 1) throw new UsageException($"--nproc-per-node must be at least 1 (got {processes}).");
                if (r.GetValue(flags.WorldSize) is not null || r.GetValue(flags.Rank) is not null)
                    throw new UsageException("--nproc-per-node sets --world-size and --rank itself; give one or the others.");
                if (processes > 1) return LocalWorkers.Run(WithoutLauncher(r), processes, r.GetValue(flags.MasterPort), stdout, stderr);
            }
            var task = flags.Task(r);
            var options = flags.TrainerOptions(r, task, stderr);
            // In a distributed training rank 0 alone writes the outputs and reports the metrics; the others train.
            var writer = options.Distributed is not { Rank: > 0 };
            var ml = new MLContext(r.GetValue(seed));
            var trainer = TrainFlags.Trainer(ml, task, options, writer ? stderr : null);
            var directory = r.GetValue(flags.Data)!;
            var modelPath = r.GetValue(flags.Model)!;
            var files = new OutputFiles(r.GetValue(flags.Force) || !writer);
            files.Add(modelPath, "model");
            files.Add(r.GetValue(outputs.Report), "training report");
            files.Add(r.GetValue(outputs.History), "training history");
            files.Add(r.GetValue(outputs.Curves), "training curves");
            files.Add(r.GetValue(images.Preview), "augmentation preview");
            if (writer) files.CheckAll();
            if (options.Resume && !File.Exists(Path.Combine(options.CheckpointDirectory!, "latest.ckpt")))
                stderr.WriteLine($"mlcnn: --resume: no checkpoint in {options.CheckpointDirectory} (latest.ckpt is missing); starting from epoch 1");
            var loaded = DataSource.Load(ml, directory, task, () => images.Loading(r), r.GetValue(images.TestFraction),
                (d, s) => labels.Load(r, ml, d, s, task), r.GetValue(labels.Positive));
            stderr.WriteLine($"mlcnn: {TaskData.Name(task)} task, {Rows(loaded.Train)} training and {Rows(loaded.Test)} test images from {loaded.Description}");
            LoadWarnings.Write(loaded.Files, loaded.LabelWarning, stderr);
            if (loaded.Files is not null) images.ApplyDecoding(r, options);
            var (train, test) = Labeled(ml, task, loaded);
            foreach (var step in flags.TrainingTransforms(r, ml, options))
                train = step.Fit(train).Transform(train);
            if (writer && r.GetValue(images.Preview) is { } preview)
            {
                files.Unprotect(preview);
                train.SaveAugmentationPreview(preview, options.ImageColumnName, seed: r.GetValue(seed), imageHeight: options.ImageHeight,
                    imageWidth: options.ImageWidth, colorMode: options.ColorMode, resize: options.Resize);
                stderr.WriteLine($"mlcnn: augmentation preview written to {preview}");
            }
            var trained = CtrlC.Cancels(token => ImageFailures.NamingFiles(loaded.Files, () => trainer.Fit(train, null, token)));
            using var _ = trained;
            if (!writer)
            {
                stderr.WriteLine($"mlcnn: rank {options.Distributed!.Rank} of {options.Distributed.WorldSize} done; rank 0 saves the model and reports the metrics");
                return 0;
            }
            if (trained.History?.StopReason is { } reason and not TrainingStopReason.Completed)
                stderr.WriteLine($"mlcnn: training ended early ({reason}){(trained.History.RestoredEpoch is { } best ? $"; keeping the weights of epoch {best}" : "")}");
            stderr.WriteLine($"mlcnn: loss {options.Loss?.ToString() ?? DefaultLossName(task)}; trained on {trained.Device}; saving {modelPath}");
            stderr.WriteLine(trained.Summary());
            var chain = SavedModel.Chain(ml, trained, train);
            var saved = files.SaveModel(path => SavedModel.Save(ml, chain, train.Schema, path), modelPath, stderr);
            var evaluation = ImageFailures.NamingFiles(loaded.Files, () => TaskEvaluation.Evaluate(ml, task, trained.Transform(test)));
            MetricsReport.Write(stdout, evaluation, trained.History, r.GetValue(flags.Json));
            foreach (var output in new[] { r.GetValue(outputs.Report), r.GetValue(outputs.History), r.GetValue(outputs.Curves) })
                if (output is not null) files.Unprotect(output);
            outputs.Write(r, trained, evaluation, options, stderr);
            LoadWarnings.WriteSkipped(loaded.Files, stderr);
            return saved ? 0 : 1;
        }));
        return command;
    }

    /// <summary>The command line of one rank: the tokens without the flags the launcher sets for each rank (and their values).</summary>
    private static List<string> WithoutLauncher(ParseResult r)
    {
        var tokens = r.Tokens.Select(t => t.Value).ToList();
        foreach (var flag in new[] { "--nproc-per-node", "--master-port", "--master-addr" })
            for (var at = tokens.FindIndex(t => t == flag || t.StartsWith(flag + "=", StringComparison.Ordinal)); at >= 0;
                 at = tokens.FindIndex(t => t == flag || t.StartsWith(flag + "=", StringComparison.Ordinal)))
                tokens.RemoveRange(at, tokens[at].Contains('=') ? 1 : Math.Min(2, tokens.Count - at));
        return tokens;
    }

    /// <summary>
    /// The training and test data with the labels the trainer takes: multiclass and embedding text labels become keys
    /// (classes of the training data, in <see cref="ClassLabels"/> order; a test label outside them is an error); the other
    /// tasks' sources already hold Boolean or Single labels.
    /// </summary>
    internal static (IDataView Train, IDataView Test) Labeled(MLContext ml, CnnTask task, LoadedData loaded)
    {
        if (task is not (CnnTask.Multiclass or CnnTask.Embedding)) return (loaded.Train, loaded.Test);
        var classes = ClassLabels.Read(loaded.Train);
        var train = ClassLabels.ToKeys(ml, classes).Fit(loaded.Train).Transform(loaded.Train);
        return (train, task == CnnTask.Multiclass ? ClassLabels.Keyed(ml, loaded.Test, classes, "the test data") : loaded.Test);
    }

    /// <summary>The rows of a view: its row count, or a count by a cursor over no column.</summary>
    private static long Rows(IDataView view)
    {
        if (view.GetRowCount() is { } known) return known;
        using var cursor = view.GetRowCursor([]);
        long rows = 0;
        while (cursor.MoveNext()) rows++;
        return rows;
    }

    private static string DefaultLossName(CnnTask task) => task switch
    {
        CnnTask.Multiclass => "CrossEntropy",
        CnnTask.Binary or CnnTask.Multilabel => "BinaryCrossEntropy",
        CnnTask.Regression => "MeanSquaredError",
        _ => "TripletMargin",
    };
}
