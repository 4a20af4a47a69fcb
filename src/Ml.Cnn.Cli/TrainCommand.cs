using System.CommandLine;
using Microsoft.ML;
using Ml.Cnn.Layers;
using Ml.Cnn.Progress;
using Ml.Cnn.Scoring;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary><c>mlcnn train</c>: trains a model of any task on DIR/train-*, saves it, reports metrics on DIR/t10k-*.</summary>
internal static class TrainCommand
{
    /// <summary>The most epochs accepted: far beyond any useful training, so a typo (an extra zero or two) is caught.</summary>
    internal const int MaxEpochs = 100_000;

    /// <summary>The largest learning rate accepted; useful rates are far below it.</summary>
    internal const double MaxLearningRate = 10;

    /// <summary>More libtorch threads than this multiple of the cores only slow training down.</summary>
    internal const int ThreadsPerCore = 4;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var defaults = new CnnTrainerOptions();
        var data = CommonOptions.Data();
        var model = CommonOptions.Model("Where to save the trained model.");
        var arch = new Option<string>("--arch") { Description = $"Network: {string.Join(", ", Architectures.Names)}.", DefaultValueFactory = _ => "basic" };
        var epochs = new Option<int>("--epochs") { Description = $"Passes over the training data (1 to {MaxEpochs}).", DefaultValueFactory = _ => defaults.Epochs };
        FlagErrors.Range(epochs, 1, MaxEpochs);
        var batch = new Option<int>("--batch-size") { Description = "Images per step.", DefaultValueFactory = _ => defaults.BatchSize };
        FlagErrors.Range(batch, 1, 1 << 20);
        var rate = new Option<double>("--learning-rate") { Description = $"Learning rate (greater than 0, at most {MaxLearningRate}).", DefaultValueFactory = _ => defaults.LearningRate };
        FlagErrors.PositiveAtMost(rate, MaxLearningRate);
        var seed = new Option<int>("--seed") { Description = "Seed: same seed, same model and metrics on CPU.", DefaultValueFactory = _ => 1 };
        var device = CommonOptions.Device();
        var precision = new Option<string>("--precision")
        {
            Description = "Training arithmetic: auto (bf16 on CUDA, fp32 on CPU), fp32, bf16 or fp16 (CUDA only).",
            DefaultValueFactory = _ => "auto",
        };
        var threads = new Option<int?>("--threads") { Description = $"libtorch threads (default: all cores; at most {ThreadsPerCore} per core)." };
        var validation = new Option<double>("--validation-fraction") { Description = "Fraction of train-* held out for validation.", DefaultValueFactory = _ => 0 };
        FlagErrors.Fraction(validation, 0, minIncluded: true);
        var json = CommonOptions.Json();
        var force = new Option<bool>("--force") { Description = "Replace write-protected output files (model, report, history, curves, preview)." };
        var losses = new LossOptions();
        var labels = new TaskLabelOptions();
        var embedding = new Option<int>("--embedding-dimension") { Description = "Values per embedding (embedding task).", DefaultValueFactory = _ => defaults.EmbeddingDimension };
        var command = new Command("train", "Train a CNN on DIR/train-* and report metrics on DIR/t10k-*.")
        {
            data, model, arch, epochs, batch, rate, seed, device, precision, threads, validation, json, embedding, force,
        };
        var fitting = new FitOptions();
        var outputs = new ReportOptions();
        var images = new ImageOptions();
        foreach (var option in losses.All.Concat(labels.All).Concat(fitting.All).Concat(outputs.All).Concat(images.All)) command.Options.Add(option);
        command.SetAction(r => MlCnnCommand.Guard(stderr, () =>
        {
            var task = LossOptions.ParseTask(r.GetValue(losses.Task)!);
            var options = new CnnTrainerOptions
            {
                Loss = FlagErrors.Translate(FlagErrors.Losses, () => losses.Build(r, task)),
                LossReduction = LossOptions.ParseReduction(r.GetValue(losses.Reduction)!),
                EmbeddingDimension = r.GetValue(embedding),
                Architecture = Architectures.ByName(r.GetValue(arch)!),
                Epochs = r.GetValue(epochs),
                BatchSize = r.GetValue(batch),
                LearningRate = r.GetValue(rate),
                Seed = r.GetValue(seed),
                Device = CommonOptions.ParseDevice(r.GetValue(device)!),
                Precision = ParsePrecision(r.GetValue(precision)!),
                Threads = CapThreads(r.GetValue(threads), stderr),
                ValidationFraction = r.GetValue(validation),
            };
            FlagErrors.Translate(FlagErrors.Schedules, () =>
            {
                fitting.Apply(r, options);
                return 0;
            });
            options.BalancedSampling = r.GetValue(images.BalancedSampler);
            var ml = new MLContext(r.GetValue(seed));
            var trainer = FlagErrors.Translate(FlagErrors.TrainerOptions, () => Trainer(ml, task, options, stderr));
            var directory = r.GetValue(data)!;
            var modelPath = r.GetValue(model)!;
            var files = new OutputFiles(r.GetValue(force));
            files.Add(modelPath, "model");
            files.Add(r.GetValue(outputs.Report), "training report");
            files.Add(r.GetValue(outputs.History), "training history");
            files.Add(r.GetValue(outputs.Curves), "training curves");
            files.Add(r.GetValue(images.Preview), "augmentation preview");
            files.CheckAll();
            if (options.Resume && !File.Exists(Path.Combine(options.CheckpointDirectory!, "latest.ckpt")))
                stderr.WriteLine($"mlcnn: --resume: no checkpoint in {options.CheckpointDirectory} (latest.ckpt is missing); starting from epoch 1");
            var loaded = DataSource.Load(ml, directory, task, () => images.Loading(r), r.GetValue(images.TestFraction),
                (d, s) => labels.Load(r, ml, d, s, task), r.GetValue(labels.Positive));
            stderr.WriteLine($"mlcnn: {TaskData.Name(task)} task, {Rows(loaded.Train)} training and {Rows(loaded.Test)} test images from {loaded.Description}");
            LoadWarnings.Write(loaded.Files, loaded.LabelWarning, stderr);
            if (loaded.Files is not null) images.ApplyDecoding(r, options);
            var (train, test) = Labeled(ml, task, loaded);
            if (FlagErrors.Translate(FlagErrors.Augmentations, () => images.Weights(r, ml.Transforms)) is { } weighting)
            {
                train = weighting.Fit(train).Transform(train);
                options.ExampleWeightColumnName = DefaultColumnNames.ExampleWeight;
            }
            foreach (var step in FlagErrors.Translate(FlagErrors.Augmentations, () => images.Augmentations(r, ml.Transforms, options.ImageColumnName)))
                train = step.Fit(train).Transform(train);
            if (r.GetValue(images.Preview) is { } preview)
            {
                files.Unprotect(preview);
                train.SaveAugmentationPreview(preview, options.ImageColumnName, seed: r.GetValue(seed), imageHeight: options.ImageHeight,
                    imageWidth: options.ImageWidth, colorMode: options.ColorMode, resize: options.Resize);
                stderr.WriteLine($"mlcnn: augmentation preview written to {preview}");
            }
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            CnnTransformer trained;
            try
            {
                trained = ImageFailures.NamingFiles(loaded.Files, () => trainer.Fit(train, null, cancel.Token));
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            using var _ = trained;
            if (trained.History?.StopReason is { } reason and not TrainingStopReason.Completed)
                stderr.WriteLine($"mlcnn: training ended early ({reason}){(trained.History.RestoredEpoch is { } best ? $"; keeping the weights of epoch {best}" : "")}");
            stderr.WriteLine($"mlcnn: loss {options.Loss?.ToString() ?? DefaultLossName(task)}; trained on {trained.Device}; saving {modelPath}");
            stderr.WriteLine(trained.Summary());
            var chain = SavedModel.Chain(ml, trained, train);
            var saved = files.SaveModel(path => SavedModel.Save(ml, chain, train.Schema, path), modelPath, stderr);
            var evaluation = ImageFailures.NamingFiles(loaded.Files, () => TaskEvaluation.Evaluate(ml, task, trained.Transform(test)));
            MetricsReport.Write(stdout, evaluation, trained.History, r.GetValue(json));
            foreach (var output in new[] { r.GetValue(outputs.Report), r.GetValue(outputs.History), r.GetValue(outputs.Curves) })
                if (output is not null) files.Unprotect(output);
            outputs.Write(r, trained, evaluation, options, stderr);
            LoadWarnings.WriteSkipped(loaded.Files, stderr);
            return saved ? 0 : 1;
        }));
        return command;
    }

    /// <summary>
    /// The training and test data with the labels the trainer takes: multiclass and embedding text labels become keys
    /// (classes of the training data, in <see cref="ClassLabels"/> order; a test label outside them is an error); the other
    /// tasks' sources already hold Boolean or Single labels.
    /// </summary>
    private static (IDataView Train, IDataView Test) Labeled(MLContext ml, CnnTask task, LoadedData loaded)
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

    /// <summary>--threads as given, capped at <see cref="ThreadsPerCore"/> per core with a warning; all cores without it.</summary>
    private static int CapThreads(int? threads, TextWriter stderr)
    {
        var cap = ThreadsPerCore * Environment.ProcessorCount;
        if (threads is not { } t) return Environment.ProcessorCount;
        if (t <= cap) return t;
        stderr.WriteLine($"mlcnn: warning: --threads {t} is more than {ThreadsPerCore} per core ({Environment.ProcessorCount} cores), which only slows training down; using {cap}");
        return cap;
    }

    /// <summary>The task's trainer from ML.NET's catalogs (ours for multilabel and embeddings) with a progress bar on stderr, created (and its options and loss validated) before any data is read.</summary>
    private static Trainers.CnnTrainer Trainer(MLContext ml, CnnTask task, CnnTrainerOptions options, TextWriter stderr)
    {
        var trainer = task switch
        {
            CnnTask.Multiclass => ml.MulticlassClassification.Trainers.Cnn(options),
            CnnTask.Binary => ml.BinaryClassification.Trainers.Cnn(options),
            CnnTask.Multilabel => ml.MultilabelClassification().Trainers.Cnn(options),
            CnnTask.Regression => ml.Regression.Trainers.Cnn(options),
            _ => ml.Embeddings().Trainers.Cnn(options),
        };
        ProgressBar.Attach(trainer, stderr);
        return trainer;
    }

    private static string DefaultLossName(CnnTask task) => task switch
    {
        CnnTask.Multiclass => "CrossEntropy",
        CnnTask.Binary or CnnTask.Multilabel => "BinaryCrossEntropy",
        CnnTask.Regression => "MeanSquaredError",
        _ => "TripletMargin",
    };

    private static Engine.TrainingPrecision? ParsePrecision(string text) => text.ToLowerInvariant() switch
    {
        "auto" => null,
        "fp32" => Engine.TrainingPrecision.Float32,
        "bf16" => Engine.TrainingPrecision.BFloat16,
        "fp16" => Engine.TrainingPrecision.Float16,
        _ => throw new UsageException($"--precision must be auto, fp32, bf16 or fp16 (got '{text}')."),
    };
}
