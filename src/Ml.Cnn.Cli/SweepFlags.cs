using System.CommandLine;
using Ml.Cnn.Sweeps;

namespace Ml.Cnn.Cli;

/// <summary>The flags of <c>mlcnn sweep</c> itself (any other token is a fixed <c>mlcnn train</c> option for every trial).</summary>
internal sealed class SweepFlags
{
    private static readonly SweepOptions Defaults = new();

    public SweepFlags()
    {
        FlagErrors.Range(Trials, 1, 1_000_000);
        FlagErrors.Range(MaxEpochs, 1, TrainFlags.MaxEpochs);
        FlagErrors.Range(MinEpochs, 1, TrainFlags.MaxEpochs);
        FlagErrors.Range(ReductionFactor, 2, 1000);
        FlagErrors.Range(Workers, 1, 256);
        FlagErrors.Range(StartupTrials, 2, 1_000_000);
        FlagErrors.Fraction(ValidationFraction, 0, minIncluded: false);
    }

    public Option<string> Data { get; } = CommonOptions.Data();

    public Option<string> Study { get; } = new("--study") { Description = "The study's name; rerun with the same name and storage to continue it.", Required = true };

    public Option<string> Storage { get; } = new("--storage")
    {
        Description = "sqlite:FILE (created on first use) or postgres:\"Host=...;Database=...;Username=...\" (many machines).",
        Required = true,
    };

    public Option<string> Space { get; } = new("--space")
    {
        Description = "JSON file mapping train option names to ranges: {\"learning-rate\": {\"loguniform\": [1e-4, 0.1]}, \"optimizer\": {\"choice\": [\"adam\", \"sgd\"]}}.",
        Required = true,
    };

    public Option<int> Trials { get; } = new("--trials") { Description = "Finished trials (complete or pruned) the study holds when the command ends.", Required = true };

    public Option<string> Sampler { get; } = new("--sampler") { Description = "random, grid or tpe.", DefaultValueFactory = _ => "tpe" };

    public Option<string> Pruner { get; } = new("--pruner") { Description = "asha (stop weak trials at rungs) or none.", DefaultValueFactory = _ => "asha" };

    public Option<int> MaxEpochs { get; } = new("--max-epochs") { Description = "Epochs of a trial that is not pruned.", DefaultValueFactory = _ => Defaults.MaxEpochs };

    public Option<int> MinEpochs { get; } = new("--min-epochs") { Description = "ASHA's first rung, in epochs.", DefaultValueFactory = _ => 1 };

    public Option<int> ReductionFactor { get; } = new("--reduction-factor") { Description = "ASHA keeps the best 1/FACTOR at each rung.", DefaultValueFactory = _ => 3 };

    public Option<string> Metric { get; } = new("--metric")
    {
        Description = "The validation metric compared (an ML.NET evaluator name, e.g. MicroAccuracy, AreaUnderRocCurve, RSquared; or ValidationLoss).",
        DefaultValueFactory = _ => Defaults.Metric,
    };

    public Option<int> Workers { get; } = new("--workers") { Description = "Trials run at once in this process (threads split between them).", DefaultValueFactory = _ => 1 };

    public Option<int> Seed { get; } = new("--seed") { Description = "The study's seed: sampling, the validation split and every trial's training.", DefaultValueFactory = _ => Defaults.Seed };

    public Option<int?> Threads { get; } = new("--threads") { Description = "libtorch threads shared by the workers (default: all cores)." };

    public Option<double> ValidationFraction { get; } = new("--validation-fraction")
    {
        Description = "Share of DIR's training data held out (stratified) to compare trials.",
        DefaultValueFactory = _ => 0.2,
    };

    public Option<int> StartupTrials { get; } = new("--startup-trials") { Description = "tpe: finished trials drawn at random first.", DefaultValueFactory = _ => 10 };

    public Option<string?> ModelsDir { get; } = new("--models-dir")
    {
        Description = "Where the best trials' models are saved (default: next to a SQLite file as FILE.models, else ./mlcnn-sweep-models).",
    };

    public Option<string?> BestModel { get; } = new("--best-model") { Description = "Copy the best trial's model (an ML.NET zip) here." };

    public Option<string?> Report { get; } = new("--report") { Description = "Write a self-contained HTML report of the study." };

    public Option<bool> Json { get; } = CommonOptions.Json();

    public IEnumerable<Option> All =>
    [
        Data, Study, Storage, Space, Trials, Sampler, Pruner, MaxEpochs, MinEpochs, ReductionFactor, Metric, Workers, Seed, Threads,
        ValidationFraction, StartupTrials, ModelsDir, BestModel, Report, Json,
    ];

    /// <summary>The sweep options the flags give.</summary>
    public SweepOptions Options(ParseResult r, string storage)
    {
        var sampler = r.GetValue(Sampler)!.ToLowerInvariant();
        var pruner = r.GetValue(Pruner)!.ToLowerInvariant();
        return new SweepOptions
        {
            Study = r.GetValue(Study)!,
            Trials = r.GetValue(Trials),
            Sampler = sampler switch
            {
                "random" => new RandomSampler(),
                "grid" => new GridSampler(),
                "tpe" => new TpeSampler(r.GetValue(StartupTrials)),
                _ => throw new UsageException($"--sampler must be random, grid or tpe (got '{sampler}')."),
            },
            Pruner = pruner switch
            {
                "asha" => new AshaPruner(r.GetValue(MinEpochs), r.GetValue(ReductionFactor)),
                "none" => new NoPruner(),
                _ => throw new UsageException($"--pruner must be asha or none (got '{pruner}')."),
            },
            MaxEpochs = r.GetValue(MaxEpochs),
            Metric = r.GetValue(Metric)!,
            Workers = r.GetValue(Workers),
            Threads = r.GetValue(Threads),
            Seed = r.GetValue(Seed),
            ModelDirectory = r.GetValue(ModelsDir) ?? (storage.StartsWith("sqlite:", StringComparison.Ordinal) ? storage["sqlite:".Length..] + ".models" : "mlcnn-sweep-models"),
        };
    }
}
