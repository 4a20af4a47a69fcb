using System.CommandLine;
using System.Globalization;
using Ml.Cnn.Schedules;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary>The optimizer, regularization, schedule, early-stopping and checkpoint flags of <c>mlcnn train</c>.</summary>
internal sealed class FitOptions
{
    public Option<string> Optimizer { get; } = new("--optimizer") { Description = "sgd, adam, adamw, adagrad or rmsprop.", DefaultValueFactory = _ => "adam" };

    public Option<double?> Momentum { get; } = new("--momentum") { Description = "Momentum of sgd (default 0.9) and rmsprop (default 0)." };

    public Option<bool> Nesterov { get; } = new("--nesterov") { Description = "Nesterov momentum (sgd)." };

    public Option<double?> WeightDecay { get; } = new("--weight-decay") { Description = "L2 weight decay (adamw: decoupled, default 0.01; others 0)." };

    public Option<double> L1 { get; } = new("--l1") { Description = "L1 regularization: lambda*sum|w| added to the loss.", DefaultValueFactory = _ => 0 };

    public Option<double> ClipNorm { get; } = new("--clip-norm") { Description = "Clip the gradient's global norm (0: off).", DefaultValueFactory = _ => 0 };

    public Option<double> ClipValue { get; } = new("--clip-value") { Description = "Clip each gradient value to [-v, v] (0: off).", DefaultValueFactory = _ => 0 };

    public Option<string> Schedule { get; } = new("--schedule")
    {
        Description = "constant, step, multistep, exponential, polynomial, cosine, onecycle or plateau.",
        DefaultValueFactory = _ => "constant",
    };

    public Option<int> StepSize { get; } = new("--step-size") { Description = "step: epochs between decays.", DefaultValueFactory = _ => 10 };

    public Option<string?> Milestones { get; } = new("--milestones") { Description = "multistep: epochs at which to decay, e.g. 3,6." };

    public Option<double?> LrGamma { get; } = new("--lr-gamma") { Description = "Decay factor of step / multistep (default 0.1) and exponential (default 0.9)." };

    public Option<int?> DecayEpochs { get; } = new("--decay-epochs") { Description = "polynomial: epochs to decay over (default: all)." };

    public Option<double> Power { get; } = new("--power") { Description = "polynomial: the power.", DefaultValueFactory = _ => 1 };

    public Option<double> EndLr { get; } = new("--end-lr") { Description = "polynomial: the final rate.", DefaultValueFactory = _ => 1e-4 };

    public Option<double> MinLr { get; } = new("--min-lr") { Description = "cosine and plateau: the lowest rate.", DefaultValueFactory = _ => 0 };

    public Option<double?> MaxLr { get; } = new("--max-lr") { Description = "onecycle: the peak rate (default 10x --learning-rate)." };

    public Option<int> WarmupEpochs { get; } = new("--warmup-epochs") { Description = "cosine: epochs of linear warmup.", DefaultValueFactory = _ => 0 };

    public Option<int> PlateauPatience { get; } = new("--plateau-patience") { Description = "plateau: epochs without improvement before decaying.", DefaultValueFactory = _ => 2 };

    public Option<double> PlateauFactor { get; } = new("--plateau-factor") { Description = "plateau: the decay factor.", DefaultValueFactory = _ => 0.1 };

    public Option<int?> EarlyStopping { get; } = new("--early-stopping") { Description = "Stop after PATIENCE epochs without improvement and keep the best weights." };

    public Option<string> Monitor { get; } = new("--monitor")
    {
        Description = "What early stopping watches: ValidationLoss, ValidationAccuracy, TrainLoss, TrainAccuracy or a validation metric (e.g. MacroAccuracy).",
        DefaultValueFactory = _ => "ValidationLoss",
    };

    public Option<string?> CheckpointDir { get; } = new("--checkpoint-dir") { Description = "Write latest.ckpt every --checkpoint-every epochs and best.ckpt on a new best." };

    public Option<int> CheckpointEvery { get; } = new("--checkpoint-every") { Description = "Epochs between checkpoints.", DefaultValueFactory = _ => 1 };

    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from --checkpoint-dir's latest checkpoint." };

    public IEnumerable<Option> All =>
    [
        Optimizer, Momentum, Nesterov, WeightDecay, L1, ClipNorm, ClipValue, Schedule, StepSize, Milestones, LrGamma, DecayEpochs, Power,
        EndLr, MinLr, MaxLr, WarmupEpochs, PlateauPatience, PlateauFactor, EarlyStopping, Monitor, CheckpointDir, CheckpointEvery, Resume,
    ];

    /// <summary>Copies the flags into the trainer options.</summary>
    public void Apply(ParseResult r, CnnTrainerOptions o)
    {
        o.Optimizer = r.GetValue(Optimizer)!.ToLowerInvariant() switch
        {
            "sgd" => OptimizerKind.Sgd,
            "adam" => OptimizerKind.Adam,
            "adamw" => OptimizerKind.AdamW,
            "adagrad" => OptimizerKind.AdaGrad,
            "rmsprop" => OptimizerKind.RmsProp,
            var other => throw new UsageException($"--optimizer must be sgd, adam, adamw, adagrad or rmsprop (got '{other}')."),
        };
        o.Momentum = r.GetValue(Momentum);
        o.Nesterov = r.GetValue(Nesterov);
        o.WeightDecay = r.GetValue(WeightDecay);
        o.L1Regularization = r.GetValue(L1);
        o.GradientClipNorm = r.GetValue(ClipNorm);
        o.GradientClipValue = r.GetValue(ClipValue);
        o.Schedule = BuildSchedule(r, o);
        if (r.GetValue(EarlyStopping) is { } patience) o.EarlyStopping = new EarlyStopping { Patience = patience, Monitor = r.GetValue(Monitor)! };
        o.CheckpointDirectory = r.GetValue(CheckpointDir);
        o.CheckpointEveryEpochs = r.GetValue(CheckpointEvery);
        o.Resume = r.GetValue(Resume);
    }

    private LearningRateSchedule BuildSchedule(ParseResult r, CnnTrainerOptions o)
    {
        var gamma = r.GetValue(LrGamma);
        return r.GetValue(Schedule)!.ToLowerInvariant() switch
        {
            "constant" => LearningRateSchedule.Constant(),
            "step" => LearningRateSchedule.Step(r.GetValue(StepSize), gamma ?? 0.1),
            "multistep" => LearningRateSchedule.MultiStep(ParseMilestones(r.GetValue(Milestones)), gamma ?? 0.1),
            "exponential" => LearningRateSchedule.Exponential(gamma ?? 0.9),
            "polynomial" => LearningRateSchedule.Polynomial(r.GetValue(DecayEpochs) ?? o.Epochs, r.GetValue(EndLr), r.GetValue(Power)),
            "cosine" => LearningRateSchedule.Cosine(r.GetValue(WarmupEpochs), r.GetValue(MinLr)),
            "onecycle" => LearningRateSchedule.OneCycle(r.GetValue(MaxLr) ?? 10 * o.LearningRate),
            "plateau" => LearningRateSchedule.ReduceOnPlateau(r.GetValue(PlateauFactor), r.GetValue(PlateauPatience), minLearningRate: r.GetValue(MinLr)),
            var other => throw new UsageException(
                $"--schedule must be constant, step, multistep, exponential, polynomial, cosine, onecycle or plateau (got '{other}')."),
        };
    }

    private static int[] ParseMilestones(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException("--schedule multistep needs --milestones, e.g. --milestones 3,6.");
        return text.Split(',', StringSplitOptions.TrimEntries).Select(t =>
            int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m
                : throw new UsageException($"--milestones: '{t}' is not an epoch number.")).ToArray();
    }
}
