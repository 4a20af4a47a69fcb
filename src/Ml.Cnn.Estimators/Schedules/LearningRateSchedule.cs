namespace Ml.Cnn.Schedules;

/// <summary>
/// A learning-rate schedule: <c>LearningRateSchedule.Cosine(warmupEpochs: 2)</c>, <c>LearningRateSchedule.OneCycle(0.1)</c>, ...
/// Every factory validates its arguments and throws an <see cref="ArgumentOutOfRangeException"/> naming the bad one.
/// The rate of every epoch (or batch, for <see cref="OneCycle"/>) equals what PyTorch's scheduler puts in
/// <c>optimizer.param_groups[0]['lr']</c> when <c>scheduler.step()</c> follows every epoch (every batch for OneCycleLR),
/// computed the way PyTorch computes it (tests/reference/golden_schedules.json).
/// </summary>
public abstract class LearningRateSchedule
{
    private protected LearningRateSchedule()
    {
    }

    /// <summary>The schedule's name, e.g. <c>Cosine</c>; saved with the schedule state of a checkpoint.</summary>
    public abstract string Name { get; }

    /// <summary>True when the rate changes after every batch (OneCycle), false when it changes after every epoch.</summary>
    public abstract bool StepsPerBatch { get; }

    /// <summary>The base learning rate throughout.</summary>
    public static LearningRateSchedule Constant() => new ConstantSchedule();

    /// <summary>PyTorch's StepLR: the rate is multiplied by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs.</summary>
    /// <param name="stepSize">Epochs between two decays, >= 1.</param>
    /// <param name="gamma">The decay factor, > 0. Default 0.1.</param>
    public static LearningRateSchedule Step(int stepSize, double gamma = 0.1) => new StepSchedule(stepSize, gamma);

    /// <summary>PyTorch's MultiStepLR: the rate is multiplied by <paramref name="gamma"/> when epoch (0-based) reaches each milestone.</summary>
    /// <param name="milestones">Epoch indices, each >= 1, strictly increasing; at least one.</param>
    /// <param name="gamma">The decay factor, > 0. Default 0.1.</param>
    public static LearningRateSchedule MultiStep(IReadOnlyList<int> milestones, double gamma = 0.1) => new MultiStepSchedule(milestones, gamma);

    /// <summary>PyTorch's ExponentialLR: the rate is multiplied by <paramref name="gamma"/> after every epoch.</summary>
    /// <param name="gamma">The decay factor, > 0.</param>
    public static LearningRateSchedule Exponential(double gamma) => new ExponentialSchedule(gamma);

    /// <summary>
    /// ML.NET's polynomial decay: <c>(lr0 - end) (1 - min(e, decayEpochs) / decayEpochs)^power + end</c> for epoch e; with
    /// <paramref name="cycle"/> the decay restarts: e is not clamped and decayEpochs is multiplied by max(1, ceil(e / decayEpochs)).
    /// With end 0 and no cycle this is PyTorch's PolynomialLR(total_iters: decayEpochs, power).
    /// </summary>
    /// <param name="decayEpochs">Epochs over which the rate falls to the end rate, >= 1.</param>
    /// <param name="endLearningRate">The rate reached after <paramref name="decayEpochs"/>, >= 0. Default 1e-4.</param>
    /// <param name="power">The polynomial's power, > 0. Default 1 (linear).</param>
    /// <param name="cycle">Restart the decay every <paramref name="decayEpochs"/> epochs instead of staying at the end rate. Default false.</param>
    public static LearningRateSchedule Polynomial(int decayEpochs, double endLearningRate = 1e-4, double power = 1, bool cycle = false) =>
        new PolynomialSchedule(decayEpochs, endLearningRate, power, cycle);

    /// <summary>
    /// Cosine annealing to <paramref name="minLearningRate"/> over the training, after an optional linear warm-up: PyTorch's
    /// SequentialLR([LinearLR(warmupStartFactor, 1, warmupEpochs), CosineAnnealingLR(epochs - warmupEpochs, minLearningRate)],
    /// milestones: [warmupEpochs]); without warm-up CosineAnnealingLR(epochs, minLearningRate).
    /// </summary>
    /// <param name="warmupEpochs">Epochs of linear warm-up, >= 0 and fewer than the training's epochs. Default 0.</param>
    /// <param name="minLearningRate">The rate reached at the end (eta_min), >= 0. Default 0.</param>
    /// <param name="warmupStartFactor">The first warm-up epoch runs at this fraction of the base rate, in (0, 1]. Default 0.1.</param>
    public static LearningRateSchedule Cosine(int warmupEpochs = 0, double minLearningRate = 0, double warmupStartFactor = 0.1) =>
        new CosineSchedule(warmupEpochs, minLearningRate, warmupStartFactor);

    /// <summary>
    /// PyTorch's OneCycleLR, stepped after every batch over epochs × batches per epoch steps. As in PyTorch the trainer's base
    /// rate is ignored: the cycle starts at maxLearningRate / divFactor. Momentum is not cycled (PyTorch's cycle_momentum is off).
    /// </summary>
    /// <param name="maxLearningRate">The peak rate, > 0.</param>
    /// <param name="pctStart">The fraction of steps spent rising to the peak, in [0, 1); at most 0.5 with <paramref name="threePhase"/>. Default 0.3.</param>
    /// <param name="divFactor">The initial rate is maxLearningRate / divFactor, > 0. Default 25.</param>
    /// <param name="finalDivFactor">The final rate is the initial rate / finalDivFactor, > 0. Default 1e4.</param>
    /// <param name="cosineAnneal">Anneal along a cosine (true) or linearly (false). Default true.</param>
    /// <param name="threePhase">Fall back to the initial rate symmetrically, then anneal to the final rate (the original paper). Default false.</param>
    public static LearningRateSchedule OneCycle(double maxLearningRate, double pctStart = 0.3, double divFactor = 25, double finalDivFactor = 1e4,
        bool cosineAnneal = true, bool threePhase = false) =>
        new OneCycleSchedule(maxLearningRate, pctStart, divFactor, finalDivFactor, cosineAnneal, threePhase);

    /// <summary>
    /// PyTorch's ReduceLROnPlateau: the rate is multiplied by <paramref name="factor"/> once the monitored value has not improved
    /// for more than <paramref name="patience"/> epochs; a reduction smaller than 1e-8 (PyTorch's eps) is skipped.
    /// </summary>
    /// <param name="factor">The reduction factor, in (0, 1). Default 0.1.</param>
    /// <param name="patience">Epochs without improvement that are tolerated, >= 0. Default 10.</param>
    /// <param name="threshold">The least change that counts as an improvement, >= 0 (below 1 when relative). Default 1e-4.</param>
    /// <param name="relativeThreshold">The threshold is relative to the best value (true) or absolute (false). Default true.</param>
    /// <param name="maximize">The monitored value should grow (accuracy) instead of shrink (loss). Default false.</param>
    /// <param name="cooldown">Epochs after a reduction during which bad epochs are not counted, >= 0. Default 0.</param>
    /// <param name="minLearningRate">The rate never falls below this, >= 0. Default 0.</param>
    public static LearningRateSchedule ReduceOnPlateau(double factor = 0.1, int patience = 10, double threshold = 1e-4, bool relativeThreshold = true,
        bool maximize = false, int cooldown = 0, double minLearningRate = 0) =>
        new ReduceOnPlateauSchedule(factor, patience, threshold, relativeThreshold, maximize, cooldown, minLearningRate);

    /// <summary>Starts one training run of this schedule; the runner's rate is that of the first epoch (or batch).</summary>
    /// <param name="baseLearningRate">The optimizer's learning rate, > 0.</param>
    /// <param name="epochs">The training's epochs, >= 1.</param>
    /// <param name="batchesPerEpoch">Optimizer steps per epoch, >= 1.</param>
    internal ScheduleRunner Start(double baseLearningRate, int epochs, int batchesPerEpoch)
    {
        Require(baseLearningRate, nameof(baseLearningRate), baseLearningRate > 0 && double.IsFinite(baseLearningRate), "must be a finite number > 0");
        Require(epochs, nameof(epochs), epochs >= 1, "must be >= 1");
        Require(batchesPerEpoch, nameof(batchesPerEpoch), batchesPerEpoch >= 1, "must be >= 1");
        return Create(baseLearningRate, epochs, batchesPerEpoch);
    }

    /// <summary>The runner of one training run, for arguments that <see cref="Start"/> has validated.</summary>
    private protected abstract ScheduleRunner Create(double baseLearningRate, int epochs, int batchesPerEpoch);

    internal static double Require(double value, string name, bool ok, string rule) =>
        ok && !double.IsNaN(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} {rule} (got {value}).");

    internal static int Require(int value, string name, bool ok, string rule) =>
        ok ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} {rule} (got {value}).");

    /// <summary>The schedule's name and parameters, e.g. <c>Step(StepSize: 10, Gamma: 0.1)</c>.</summary>
    public override string ToString() => $"{Name}({string.Join(", ", GetType().GetProperties()
        .Where(p => p.DeclaringType == GetType())
        .Select(p => $"{p.Name}: {Format(p.GetValue(this))}"))})";

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list and not string => string.Join(",", list.Cast<object>()),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
