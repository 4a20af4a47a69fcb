using Ml.Cnn.Legacy;
using System.CommandLine;
using Ml.Cnn.Layers;
using Ml.Cnn.Model;
using Ml.Cnn.Progress;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary><c>mlcnn train</c>: trains a model of any task on DIR/train-*, saves it, reports metrics on DIR/t10k-*.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var defaults = new CnnTrainerOptions();
        var data = CommonOptions.Data();
        var model = CommonOptions.Model("Where to save the trained model.");
        var arch = new Option<string>("--arch") { Description = $"Network: {string.Join(", ", Architectures.Names)}.", DefaultValueFactory = _ => "basic" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => defaults.Epochs };
        var batch = new Option<int>("--batch-size") { Description = "Images per step.", DefaultValueFactory = _ => defaults.BatchSize };
        var rate = new Option<double>("--learning-rate") { Description = "Learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var seed = new Option<int>("--seed") { Description = "Seed: same seed, same model and metrics on CPU.", DefaultValueFactory = _ => 1 };
        var device = CommonOptions.Device();
        var precision = new Option<string>("--precision")
        {
            Description = "Training arithmetic: auto (bf16 on CUDA, fp32 on CPU), fp32, bf16 or fp16 (CUDA only).",
            DefaultValueFactory = _ => "auto",
        };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default: all cores)." };
        var validation = new Option<double>("--validation-fraction") { Description = "Fraction of train-* held out for validation.", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var losses = new LossOptions();
        var labels = new TaskLabelOptions();
        var embedding = new Option<int>("--embedding-dimension") { Description = "Values per embedding (embedding task).", DefaultValueFactory = _ => defaults.EmbeddingDimension };
        var command = new Command("train", "Train a CNN on DIR/train-* and report metrics on DIR/t10k-*.")
        {
            data, model, arch, epochs, batch, rate, seed, device, precision, threads, validation, json, embedding,
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
                Loss = losses.Build(r, task),
                LossReduction = LossOptions.ParseReduction(r.GetValue(losses.Reduction)!),
                EmbeddingDimension = r.GetValue(embedding),
                Architecture = Architectures.ByName(r.GetValue(arch)!),
                Epochs = r.GetValue(epochs),
                BatchSize = r.GetValue(batch),
                LearningRate = r.GetValue(rate),
                Seed = r.GetValue(seed),
                Device = CommonOptions.ParseDevice(r.GetValue(device)!),
                Precision = ParsePrecision(r.GetValue(precision)!),
                Threads = r.GetValue(threads),
                ValidationFraction = r.GetValue(validation),
            };
            fitting.Apply(r, options);
            options.BalancedSampling = r.GetValue(images.BalancedSampler);
            var context = new CnnContext(r.GetValue(seed));
            var fit = Trainer(context, task, options, stderr);
            var directory = r.GetValue(data)!;
            var modelPath = r.GetValue(model)!;
            CheckWritable(modelPath);
            foreach (var output in new[] { r.GetValue(outputs.Report), r.GetValue(outputs.History), r.GetValue(outputs.Curves), r.GetValue(images.Preview) })
                if (output is not null) CheckWritable(output);
            var (train, test, source) = DataSource.Load(directory, context, task, images, r, (d, s) => labels.Load(r, d, s, task), r.GetValue(labels.Positive));
            stderr.WriteLine($"mlcnn: {TaskData.Name(task)} task, {train.RowCount} training and {test.RowCount} test images from {source}");
            if (train.GetColumn<ImageColumn>(options.ImageColumnName) is Transforms.ImageFileColumn { Summary: var summary })
                stderr.WriteLine($"mlcnn: {summary}");
            if (images.Weights(r, context.Transforms) is { } weighting)
            {
                train = weighting.Fit(train).Transform(train);
                options.ExampleWeightColumnName = DefaultColumnNames.ExampleWeight;
            }
            foreach (var step in images.Augmentations(r, context.Transforms)) train = step.Fit(train).Transform(train);
            if (r.GetValue(images.Preview) is { } preview)
            {
                Transforms.AugmentationPreview.Write(train, preview, seed: r.GetValue(seed));
                stderr.WriteLine($"mlcnn: augmentation preview written to {preview}");
            }
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            CnnModel trained;
            try
            {
                trained = fit(train, cancel.Token);
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
            trained.Save(modelPath);
            var scored = trained.Transform(test);
            MetricsReport.Write(stdout, trained, scored, trained.History, r.GetValue(json));
            outputs.Write(r, trained, scored, options, stderr);
            return 0;
        }));
        return command;
    }

    /// <summary>The task's trainer with a progress bar on stderr, created (and its options and loss validated) before any data is read.</summary>
    private static Func<DataView, CancellationToken, CnnModel> Trainer(CnnContext context, CnnTask task, CnnTrainerOptions options, TextWriter stderr)
    {
        switch (task)
        {
            case CnnTask.Multiclass:
                var multiclass = context.MulticlassClassification.Trainers.Cnn(options);
                ProgressBar.Attach(multiclass, stderr);
                return (d, c) => multiclass.Fit(d, null, c);
            case CnnTask.Binary:
                var binary = context.BinaryClassification.Trainers.Cnn(options);
                ProgressBar.Attach(binary, stderr);
                return (d, c) => binary.Fit(d, null, c);
            case CnnTask.Multilabel:
                var multilabel = context.MultilabelClassification.Trainers.Cnn(options);
                ProgressBar.Attach(multilabel, stderr);
                return (d, c) => multilabel.Fit(d, null, c);
            case CnnTask.Regression:
                var regression = context.Regression.Trainers.Cnn(options);
                ProgressBar.Attach(regression, stderr);
                return (d, c) => regression.Fit(d, null, c);
            default:
                var embedding = context.Embeddings.Trainers.Cnn(options);
                ProgressBar.Attach(embedding, stderr);
                return (d, c) => embedding.Fit(d, null, c);
        }
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
        _ => throw new ArgumentException($"--precision must be auto, fp32, bf16 or fp16 (got '{text}')."),
    };

    private static void CheckWritable(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{path}: folder '{directory}' does not exist; create it first.");
    }
}
