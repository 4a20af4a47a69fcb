using System.CommandLine;
using Ml.Cnn.Layers;
using Ml.Cnn.Model;
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
        var optimizer = new Option<string>("--optimizer") { Description = "adam or sgd.", DefaultValueFactory = _ => "adam" };
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum.", DefaultValueFactory = _ => defaults.Momentum };
        var seed = new Option<int>("--seed") { Description = "Seed: same seed, same model and metrics on CPU.", DefaultValueFactory = _ => 1 };
        var device = CommonOptions.Device();
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default: all cores)." };
        var validation = new Option<double>("--validation-fraction") { Description = "Fraction of train-* held out for validation.", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var losses = new LossOptions();
        var labels = new TaskLabelOptions();
        var embedding = new Option<int>("--embedding-dimension") { Description = "Values per embedding (embedding task).", DefaultValueFactory = _ => defaults.EmbeddingDimension };
        var command = new Command("train", "Train a CNN on DIR/train-* and report metrics on DIR/t10k-*.")
        {
            data, model, arch, epochs, batch, rate, optimizer, momentum, seed, device, threads, validation, json, embedding,
        };
        foreach (var option in losses.All.Concat(labels.All)) command.Options.Add(option);
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
                Optimizer = ParseOptimizer(r.GetValue(optimizer)!),
                Momentum = r.GetValue(momentum),
                Seed = r.GetValue(seed),
                Device = CommonOptions.ParseDevice(r.GetValue(device)!),
                Threads = r.GetValue(threads),
                ValidationFraction = r.GetValue(validation),
                Progress = stderr,
            };
            var fit = Trainer(new CnnContext(r.GetValue(seed)), task, options);
            var directory = r.GetValue(data)!;
            var modelPath = r.GetValue(model)!;
            CheckWritable(modelPath);
            var train = labels.Load(r, directory, "train", task);
            var test = labels.Load(r, directory, "t10k", task);
            stderr.WriteLine($"mlcnn: {TaskData.Name(task)} task, {train.RowCount} training and {test.RowCount} test images from {directory}");
            using var trained = fit(train);
            stderr.WriteLine($"mlcnn: loss {options.Loss?.ToString() ?? DefaultLossName(task)}; trained on {trained.Device}; saving {modelPath}");
            stderr.WriteLine(trained.Summary());
            trained.Save(modelPath);
            MetricsReport.Write(stdout, trained, trained.Transform(test), trained.History, r.GetValue(json));
            return 0;
        }));
        return command;
    }

    /// <summary>The task's trainer, created (and its options and loss validated) before any data is read.</summary>
    private static Func<DataView, CnnModel> Trainer(CnnContext context, CnnTask task, CnnTrainerOptions options)
    {
        switch (task)
        {
            case CnnTask.Multiclass:
                var multiclass = context.MulticlassClassification.Trainers.Cnn(options);
                return multiclass.Fit;
            case CnnTask.Binary:
                var binary = context.BinaryClassification.Trainers.Cnn(options);
                return binary.Fit;
            case CnnTask.Multilabel:
                var multilabel = context.MultilabelClassification.Trainers.Cnn(options);
                return multilabel.Fit;
            case CnnTask.Regression:
                var regression = context.Regression.Trainers.Cnn(options);
                return regression.Fit;
            default:
                var embedding = context.Embeddings.Trainers.Cnn(options);
                return embedding.Fit;
        }
    }

    private static string DefaultLossName(CnnTask task) => task switch
    {
        CnnTask.Multiclass => "CrossEntropy",
        CnnTask.Binary or CnnTask.Multilabel => "BinaryCrossEntropy",
        CnnTask.Regression => "MeanSquaredError",
        _ => "TripletMargin",
    };

    private static OptimizerKind ParseOptimizer(string text) => text.ToLowerInvariant() switch
    {
        "adam" => OptimizerKind.Adam,
        "sgd" => OptimizerKind.Sgd,
        _ => throw new ArgumentException($"--optimizer must be adam or sgd (got '{text}')."),
    };

    private static void CheckWritable(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"--model {path}: folder '{directory}' does not exist; create it first.");
    }
}
