using System.CommandLine;
using Ml.Cnn.Layers;
using Ml.Cnn.Metrics;
using Ml.Cnn.Training;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Cli;

/// <summary><c>mlcnn train</c>: trains on DIR/train-*, saves the model, reports metrics on DIR/t10k-*.</summary>
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
        var command = new Command("train", "Train a CNN on DIR/train-* and report metrics on DIR/t10k-*.")
        {
            data, model, arch, epochs, batch, rate, optimizer, momentum, seed, device, threads, validation, json,
        };
        command.SetAction(r => MlCnnCommand.Guard(stderr, () =>
        {
            var options = new CnnTrainerOptions
            {
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
            var context = new CnnContext(r.GetValue(seed));
            var trainer = context.MulticlassClassification.Trainers.Cnn(options);
            var directory = r.GetValue(data)!;
            var modelPath = r.GetValue(model)!;
            CheckWritable(modelPath);
            var train = context.Data.LoadIdx(directory, "train");
            var test = context.Data.LoadIdx(directory, "t10k");
            stderr.WriteLine($"mlcnn: {train.RowCount} training and {test.RowCount} test images from {directory}");
            stderr.WriteLine(options.Architecture.Summary(train.GetColumn<ImageColumn>(options.ImageColumnName).Shape,
                LabelKeyMap.FromLabels(train.GetColumn<ScalarColumn<string>>(options.LabelColumnName).Values).Count));
            using var trained = trainer.Fit(train);
            stderr.WriteLine($"mlcnn: trained on {trained.Device}; saving {modelPath}");
            trained.Save(modelPath);
            var metrics = MulticlassEvaluator.Evaluate(trained.Transform(test));
            MetricsReport.Write(stdout, metrics, trained.History, r.GetValue(json));
            return 0;
        }));
        return command;
    }

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
