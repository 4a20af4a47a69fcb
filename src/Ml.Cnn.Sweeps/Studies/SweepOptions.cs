namespace Ml.Cnn.Sweeps;

/// <summary>How a sweep runs: the study, its budget, sampler, pruner, metric, workers and seed.</summary>
public sealed class SweepOptions
{
    /// <summary>The study's name in its storage; a rerun with the same name continues it.</summary>
    /// <value>Default "default".</value>
    public string Study { get; set; } = "default";

    /// <summary>The finished trials (complete or pruned) the study holds when the sweep returns.</summary>
    /// <value>Default 20.</value>
    public int Trials { get; set; } = 20;

    /// <summary>How parameters are chosen.</summary>
    /// <value>Default <see cref="TpeSampler"/> (10 random startup trials).</value>
    public ISampler Sampler { get; set; } = new TpeSampler();

    /// <summary>Which trials stop early.</summary>
    /// <value>Default <see cref="AshaPruner"/> (first rung 1 epoch, reduction factor 3).</value>
    public IPruner Pruner { get; set; } = new AshaPruner();

    /// <summary>The epochs of a trial that is not pruned (a trainer asking for fewer trains fewer); the pruner's rungs lie below it.</summary>
    /// <value>Default 9.</value>
    public int MaxEpochs { get; set; } = 9;

    /// <summary>The validation metric trials are compared on: an ML.NET evaluator name (MicroAccuracy, AreaUnderRocCurve, RSquared, ...) or ValidationLoss.</summary>
    /// <value>Default "MicroAccuracy".</value>
    public string Metric { get; set; } = "MicroAccuracy";

    /// <summary>Whether larger metric values are better; null decides from the name (<see cref="MetricDirection.Maximize"/>).</summary>
    /// <value>Default null.</value>
    public bool? Maximize { get; set; }

    /// <summary>Trials run at once in this process, each on its own thread with <see cref="Threads"/> / workers libtorch threads.</summary>
    /// <value>Default 1.</value>
    public int Workers { get; set; } = 1;

    /// <summary>libtorch threads shared by the workers.</summary>
    /// <value>Default null: all cores.</value>
    public int? Threads { get; set; }

    /// <summary>The study's seed: samplers draw from it, and every trial trains with it (so trials differ by parameters alone).</summary>
    /// <value>Default 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>Where the models of complete trials that were the best when they ended are saved; null saves none.</summary>
    /// <value>Default null.</value>
    public string? ModelDirectory { get; set; }

    /// <summary>How often a running trial tells the storage its worker is alive.</summary>
    /// <value>Default 10 seconds.</value>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a running trial may go without a heartbeat before another worker marks it failed and runs its slot again.</summary>
    /// <value>Default 2 minutes (a dead process on the same host is found at once).</value>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The sweep stops with an error after this many trials in a row fail in this process.</summary>
    /// <value>Default 5.</value>
    public int MaxConsecutiveFailures { get; set; } = 5;

    /// <summary>Checks the options; throws naming the first bad one.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Study)) throw new ArgumentException("SweepOptions.Study: give the study a name.");
        if (Trials < 1) throw new ArgumentException($"SweepOptions.Trials must be at least 1 (got {Trials}).");
        if (MaxEpochs < 1) throw new ArgumentException($"SweepOptions.MaxEpochs must be at least 1 (got {MaxEpochs}).");
        if (Workers < 1) throw new ArgumentException($"SweepOptions.Workers must be at least 1 (got {Workers}).");
        if (Threads is < 1) throw new ArgumentException($"SweepOptions.Threads must be at least 1 (got {Threads}).");
        if (string.IsNullOrWhiteSpace(Metric)) throw new ArgumentException("SweepOptions.Metric: name the metric to compare.");
        if (HeartbeatInterval <= TimeSpan.Zero || StaleAfter <= HeartbeatInterval)
            throw new ArgumentException("SweepOptions.StaleAfter must be longer than HeartbeatInterval, and both positive.");
        if (MaxConsecutiveFailures < 1) throw new ArgumentException("SweepOptions.MaxConsecutiveFailures must be at least 1.");
    }

    /// <summary>Whether larger is better for <see cref="Metric"/>.</summary>
    public bool IsMaximized => Maximize ?? MetricDirection.Maximize(Metric);

    /// <summary>libtorch threads each worker trains with.</summary>
    public int ThreadsPerWorker => Math.Max(1, (Threads ?? Environment.ProcessorCount) / Workers);
}
