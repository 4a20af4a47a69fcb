using System.CommandLine;
using Microsoft.ML;
using Ml.Cnn.Layers;
using Ml.Cnn.Progress;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary>
/// Every flag of <c>mlcnn train</c> and how they become trainer options: the one definition that <c>mlcnn train</c> parses
/// and that <c>mlcnn sweep</c> parses once per trial (its fixed flags plus the trial's parameters).
/// </summary>
internal sealed class TrainFlags
{
    /// <summary>The most epochs accepted: far beyond any useful training, so a typo (an extra zero or two) is caught.</summary>
    internal const int MaxEpochs = 100_000;

    /// <summary>The largest learning rate accepted; useful rates are far below it.</summary>
    internal const double MaxLearningRate = 10;

    /// <summary>More libtorch threads than this multiple of the cores only slow training down.</summary>
    internal const int ThreadsPerCore = 4;

    private static readonly CnnTrainerOptions Defaults = new();

    public TrainFlags()
    {
        FlagErrors.Range(Epochs, 1, MaxEpochs);
        FlagErrors.Range(BatchSize, 1, 1 << 20);
        FlagErrors.PositiveAtMost(LearningRate, MaxLearningRate);
        FlagErrors.Fraction(ValidationFraction, 0, minIncluded: true);
        FlagErrors.Range(DistributedTimeout, 1, 86_400);
    }

    public Option<string> Data { get; } = CommonOptions.Data();

    public Option<string> Model { get; } = CommonOptions.Model("Where to save the trained model.");

    public Option<string> Arch { get; } = new("--arch") { Description = $"Network: {string.Join(", ", Architectures.Names)}.", DefaultValueFactory = _ => "basic" };

    public Option<int> Epochs { get; } = new("--epochs") { Description = $"Passes over the training data (1 to {MaxEpochs}).", DefaultValueFactory = _ => Defaults.Epochs };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Images per step.", DefaultValueFactory = _ => Defaults.BatchSize };

    public Option<double> LearningRate { get; } = new("--learning-rate")
    {
        Description = $"Learning rate (greater than 0, at most {MaxLearningRate}).",
        DefaultValueFactory = _ => Defaults.LearningRate,
    };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed: same seed, same model and metrics on CPU.", DefaultValueFactory = _ => 1 };

    public Option<string> Device { get; } = CommonOptions.Device();

    public Option<string> Precision { get; } = new("--precision")
    {
        Description = "Training arithmetic: auto (bf16 on CUDA and on CPUs with AVX-512 BF16, else fp32), fp32, bf16 or fp16 (CUDA only).",
        DefaultValueFactory = _ => "auto",
    };

    public Option<int?> Threads { get; } = new("--threads") { Description = $"libtorch threads (default: all cores; at most {ThreadsPerCore} per core)." };

    public Option<double> ValidationFraction { get; } = new("--validation-fraction") { Description = "Fraction of train-* held out for validation.", DefaultValueFactory = _ => 0 };

    public Option<bool> Json { get; } = CommonOptions.Json();

    public Option<bool> Force { get; } = new("--force") { Description = "Replace write-protected output files (model, report, history, curves, preview)." };

    public Option<int> EmbeddingDimension { get; } = new("--embedding-dimension")
    {
        Description = "Values per embedding (embedding task).",
        DefaultValueFactory = _ => Defaults.EmbeddingDimension,
    };

    public Option<int?> WorldSize { get; } = new("--world-size") { Description = "Processes training together (default: WORLD_SIZE, else 1)." };

    public Option<int?> Rank { get; } = new("--rank") { Description = "This process's rank, 0 to world size - 1 (default: RANK, else 0); rank 0 writes the outputs." };

    public Option<string?> MasterAddress { get; } = new("--master-addr") { Description = "Rank 0's address (default: MASTER_ADDR, else 127.0.0.1)." };

    public Option<int?> MasterPort { get; } = new("--master-port") { Description = "The rendezvous port on rank 0 (default: MASTER_PORT, else 29500)." };

    public Option<string> Backend { get; } = new("--backend") { Description = "gloo (CPU), nccl (CUDA) or auto.", DefaultValueFactory = _ => "auto" };

    public Option<int> DistributedTimeout { get; } = new("--dist-timeout")
    {
        Description = "Seconds a rank waits for the others (meeting, every step, rank 0's validation) before it stops with an error naming itself.",
        DefaultValueFactory = _ => 1800,
    };

    public Option<bool> SyncBatchNorm { get; } = new("--sync-batchnorm")
    {
        Description = "With several ranks: batch norm normalizes with the statistics of every rank's batch (as SyncBatchNorm), not each rank's own.",
    };

    public Option<int?> ProcessesPerNode { get; } = new("--nproc-per-node")
    {
        Description = "Start this many local processes that train together (ranks 0..K-1 on 127.0.0.1), as torchrun does.",
    };

    public LossOptions Losses { get; } = new();

    public TaskLabelOptions Labels { get; } = new();

    public FitOptions Fitting { get; } = new();

    public ReportOptions Outputs { get; } = new();

    public ImageOptions Images { get; } = new();

    /// <summary>Every flag, in help order.</summary>
    public IEnumerable<Option> All =>
        new Option[]
            {
                Data, Model, Arch, Epochs, BatchSize, LearningRate, Seed, Device, Precision, Threads, ValidationFraction, Json, EmbeddingDimension, Force,
                WorldSize, Rank, MasterAddress, MasterPort, Backend, DistributedTimeout, SyncBatchNorm, ProcessesPerNode,
            }
            .Concat(Losses.All).Concat(Labels.All).Concat(Fitting.All).Concat(Outputs.All).Concat(Images.All);

    /// <summary>A <c>train</c> command holding every flag (no action): what <c>mlcnn sweep</c> parses a trial's flags with.</summary>
    public Command Command()
    {
        var command = new Command("train");
        foreach (var option in All) command.Options.Add(option);
        return command;
    }

    /// <summary>The task the flags ask for.</summary>
    public CnnTask Task(ParseResult r) => LossOptions.ParseTask(r.GetValue(Losses.Task)!);

    /// <summary>The trainer options the flags give (decoding sizes are set later, from the data: <see cref="ImageOptions.ApplyDecoding"/>).</summary>
    public CnnTrainerOptions TrainerOptions(ParseResult r, CnnTask task, TextWriter stderr)
    {
        var options = new CnnTrainerOptions
        {
            Loss = FlagErrors.Translate(FlagErrors.Losses, () => Losses.Build(r, task)),
            LossReduction = LossOptions.ParseReduction(r.GetValue(Losses.Reduction)!),
            EmbeddingDimension = r.GetValue(EmbeddingDimension),
            Architecture = Architectures.ByName(r.GetValue(Arch)!),
            Epochs = r.GetValue(Epochs),
            BatchSize = r.GetValue(BatchSize),
            LearningRate = r.GetValue(LearningRate),
            Seed = r.GetValue(Seed),
            Device = CommonOptions.ParseDevice(r.GetValue(Device)!),
            Precision = ParsePrecision(r.GetValue(Precision)!),
            Threads = CapThreads(r.GetValue(Threads), stderr),
            ValidationFraction = r.GetValue(ValidationFraction),
        };
        FlagErrors.Translate(FlagErrors.Schedules, () =>
        {
            Fitting.Apply(r, options);
            return 0;
        });
        options.BalancedSampling = r.GetValue(Images.BalancedSampler);
        options.Distributed = FlagErrors.Translate(FlagErrors.Distributed, () => Distributed(r));
        return options;
    }

    /// <summary>The distributed setting of the flags, each falling back to torchrun's environment variable; null alone.</summary>
    private DistributedOptions? Distributed(ParseResult r)
    {
        // The environment fills only what the flags leave out; --world-size 1 trains alone even under torchrun.
        var given = (World: r.GetValue(WorldSize), Rank: r.GetValue(Rank));
        var environment = given.World is not null && given.Rank is not null ? null : DistributedOptions.FromEnvironment();
        var world = given.World ?? environment?.WorldSize ?? 1;
        if (world == 1 && given.Rank is null or 0) return given.World is null ? null : new DistributedOptions();
        var distributed = new DistributedOptions
        {
            WorldSize = world,
            Rank = given.Rank ?? environment?.Rank ?? 0,
            MasterAddress = r.GetValue(MasterAddress) ?? environment?.MasterAddress ?? "127.0.0.1",
            MasterPort = r.GetValue(MasterPort) ?? environment?.MasterPort ?? 29500,
            Backend = r.GetValue(Backend)!.ToLowerInvariant() switch
            {
                "auto" => null,
                "gloo" => Engine.DistributedBackend.Gloo,
                "nccl" => Engine.DistributedBackend.Nccl,
                var other => throw new UsageException($"--backend must be gloo, nccl or auto (got '{other}')."),
            },
            Timeout = TimeSpan.FromSeconds(r.GetValue(DistributedTimeout)),
            SyncBatchNorm = r.GetValue(SyncBatchNorm),
        };
        distributed.Validate();
        return distributed;
    }

    /// <summary>The task's trainer from ML.NET's catalogs (ours for multilabel and embeddings), created (and its options and loss validated) before any data is read; with a progress bar on <paramref name="progress"/> when given.</summary>
    public static Trainers.CnnTrainer Trainer(MLContext ml, CnnTask task, CnnTrainerOptions options, TextWriter? progress)
    {
        var trainer = FlagErrors.Translate(FlagErrors.TrainerOptions, () => task switch
        {
            CnnTask.Multiclass => ml.MulticlassClassification.Trainers.Cnn(options),
            CnnTask.Binary => ml.BinaryClassification.Trainers.Cnn(options),
            CnnTask.Multilabel => ml.MultilabelClassification().Trainers.Cnn(options),
            CnnTask.Regression => ml.Regression.Trainers.Cnn(options),
            _ => ml.Embeddings().Trainers.Cnn(options),
        });
        if (progress is not null) ProgressBar.Attach(trainer, progress);
        return trainer;
    }

    /// <summary>The estimators that prepare the training data only: the class-weight column (setting the trainer's weight column) and the augmentations.</summary>
    public IReadOnlyList<IEstimator<ITransformer>> TrainingTransforms(ParseResult r, MLContext ml, CnnTrainerOptions options)
    {
        var steps = new List<IEstimator<ITransformer>>();
        if (FlagErrors.Translate(FlagErrors.Augmentations, () => Images.Weights(r, ml.Transforms)) is { } weighting)
        {
            steps.Add(weighting);
            options.ExampleWeightColumnName = DefaultColumnNames.ExampleWeight;
        }
        steps.AddRange(FlagErrors.Translate(FlagErrors.Augmentations, () => Images.Augmentations(r, ml.Transforms, options.ImageColumnName)));
        return steps;
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

    /// <summary>--precision's name of each precision (also the Precision of the --json line).</summary>
    private static readonly Dictionary<string, Engine.TrainingPrecision> PrecisionNames = new()
    {
        ["fp32"] = Engine.TrainingPrecision.Float32,
        ["bf16"] = Engine.TrainingPrecision.BFloat16,
        ["fp16"] = Engine.TrainingPrecision.Float16,
    };

    /// <summary>The --precision name of a precision: fp32, bf16 or fp16.</summary>
    public static string PrecisionName(Engine.TrainingPrecision precision) => PrecisionNames.First(kv => kv.Value == precision).Key;

    private static Engine.TrainingPrecision? ParsePrecision(string text) => text.ToLowerInvariant() switch
    {
        "auto" => null,
        var name when PrecisionNames.TryGetValue(name, out var precision) => precision,
        _ => throw new UsageException($"--precision must be auto, fp32, bf16 or fp16 (got '{text}')."),
    };
}
