using Ml.Cnn.Metrics;
using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Losses;
using Ml.Cnn.Schedules;

namespace Ml.Cnn.Training;

/// <summary>Options of the CNN trainers (every task). Every option has a default; <see cref="Validate"/> checks them all in one place.</summary>
public sealed class CnnTrainerOptions
{
    /// <summary>
    /// The label column: text (multiclass, embedding; keys are assigned at Fit), bool (binary), a 0/1 vector with slot names
    /// (multilabel), or float / float vector (regression).
    /// </summary>
    /// <value>Default <c>Label</c>.</value>
    public string LabelColumnName { get; set; } = DefaultColumnNames.Label;

    /// <summary>
    /// The image column. With ML.NET data: encoded files (<c>LoadRawImageBytes</c>), pixel vectors 0..255 with dimensions
    /// (<c>ExtractPixels</c>) or <c>MLImage</c>s (<c>LoadImages</c>); see <see cref="Features.ImageFeatureKind"/>.
    /// </summary>
    /// <value>Default <c>Image</c> (the ML.NET catalog's simple overload takes <c>Features</c>, as ML.NET's trainers do).</value>
    public string ImageColumnName { get; set; } = DefaultColumnNames.Image;

    /// <summary>Height encoded images are decoded to (and the height MLImages must have).</summary>
    /// <value>Default null: the height of the first training image.</value>
    public int? ImageHeight { get; set; }

    /// <summary>Width encoded images are decoded to (and the width MLImages must have).</summary>
    /// <value>Default null: the width of the first training image.</value>
    public int? ImageWidth { get; set; }

    /// <summary>The channels encoded images and MLImages are converted to.</summary>
    /// <value>Default null: gray when the first training image is gray, RGB otherwise (alpha is dropped, as Keras' default color mode).</value>
    public ColorMode? ColorMode { get; set; }

    /// <summary>How an encoded image of another size is fitted to <see cref="ImageHeight"/> × <see cref="ImageWidth"/>.</summary>
    /// <value>Default <see cref="ResizeMode.Bilinear"/>.</value>
    public ResizeMode Resize { get; set; } = ResizeMode.Bilinear;

    /// <summary>An optional float column of per-example weights (see <see cref="LossReduction"/> for how they enter the loss).</summary>
    /// <value>Default null (every example weighs 1).</value>
    public string? ExampleWeightColumnName { get; set; }

    /// <summary>The loss; see <see cref="Losses.Loss"/> for the catalog and the tasks each loss fits.</summary>
    /// <value>Default null: the task's usual loss (cross-entropy, binary cross-entropy, mean squared error, triplet margin).</value>
    public Loss? Loss { get; set; }

    /// <summary>How per-example losses and weights become the batch loss.</summary>
    /// <value>Default <see cref="LossReduction.Mean"/>: PyTorch's weighted mean sum(w·l)/sum(w); Keras' sum(w·l)/N is <see cref="LossReduction.SumOverBatchSize"/>.</value>
    public LossReduction LossReduction { get; set; } = LossReduction.Mean;

    /// <summary>
    /// Per-class weights keyed by label value (multiclass, embedding), by <c>false</c> / <c>true</c> (binary), by label name
    /// (multilabel) or by target name (regression); missing keys weigh 1. They enter the loss as PyTorch's <c>weight</c> argument.
    /// </summary>
    /// <value>Default null (every class weighs 1).</value>
    public IReadOnlyDictionary<string, float>? ClassWeights { get; set; }

    /// <summary>Values per embedding (embedding task only).</summary>
    /// <value>Default 64.</value>
    public int EmbeddingDimension { get; set; } = 64;

    /// <summary>The network; presets are in <see cref="Architectures"/>.</summary>
    /// <value>Default <see cref="Architectures.Basic"/>.</value>
    public NetworkDefinition Architecture { get; set; } = Architectures.Basic;

    /// <summary>Passes over the training data.</summary>
    /// <value>Default 5.</value>
    public int Epochs { get; set; } = 5;

    /// <summary>Images per training step.</summary>
    /// <value>Default 32 (Keras' default).</value>
    public int BatchSize { get; set; } = 32;

    /// <summary>Optimizer step size.</summary>
    /// <value>Default 0.001.</value>
    public double LearningRate { get; set; } = 0.001;

    /// <summary>The optimizer.</summary>
    /// <value>Default <see cref="OptimizerKind.Adam"/>.</value>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.Adam;

    /// <summary>Momentum in [0, 1) for SGD and RMSprop; ignored by the others.</summary>
    /// <value>Default null: 0.9 for SGD (PyTorch's 0 is rarely what users want), 0 for RMSprop (PyTorch's).</value>
    public double? Momentum { get; set; }

    /// <summary>SGD dampening in [0, 1] (PyTorch's <c>dampening</c>).</summary>
    /// <value>Default 0.</value>
    public double Dampening { get; set; }

    /// <summary>Nesterov momentum (SGD; needs momentum > 0 and dampening 0).</summary>
    /// <value>Default false.</value>
    public bool Nesterov { get; set; }

    /// <summary>RMSprop's centered variant (normalizes by the estimated variance of the gradient).</summary>
    /// <value>Default false.</value>
    public bool Centered { get; set; }

    /// <summary>
    /// Weight decay: L2 added to the gradient (PyTorch's <c>weight_decay</c>) for SGD, Adam, AdaGrad and RMSprop; decoupled
    /// decay for AdamW.
    /// </summary>
    /// <value>Default null: 0.01 for AdamW (PyTorch's), 0 for the others.</value>
    public double? WeightDecay { get; set; }

    /// <summary>True L1 regularization: lambda · sum|w| added to the loss (not the same as weight decay).</summary>
    /// <value>Default 0 (off).</value>
    public double L1Regularization { get; set; }

    /// <summary>Apply <see cref="L1Regularization"/> to every parameter (biases, batch-norm scales) instead of the weights only.</summary>
    /// <value>Default false: weight matrices and kernels (parameters of rank > 1) only.</value>
    public bool L1AllParameters { get; set; }

    /// <summary>Clip the gradient's global L2 norm to this value (PyTorch's clip_grad_norm_); 0 turns it off.</summary>
    /// <value>Default 0.</value>
    public double GradientClipNorm { get; set; }

    /// <summary>Clip every gradient value to [-v, v] (PyTorch's clip_grad_value_), before norm clipping; 0 turns it off.</summary>
    /// <value>Default 0.</value>
    public double GradientClipValue { get; set; }

    /// <summary>The learning-rate schedule; see <see cref="LearningRateSchedule"/> for the catalog.</summary>
    /// <value>Default <see cref="LearningRateSchedule.Constant"/>.</value>
    public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Constant();

    /// <summary>Early stopping, or null to train every epoch.</summary>
    /// <value>Default null.</value>
    public EarlyStopping? EarlyStopping { get; set; }

    /// <summary>A folder for checkpoints (latest.ckpt every <see cref="CheckpointEveryEpochs"/> epochs, best.ckpt on a new best), or null for none.</summary>
    /// <value>Default null.</value>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Epochs between checkpoints.</summary>
    /// <value>Default 1.</value>
    public int CheckpointEveryEpochs { get; set; } = 1;

    /// <summary>Continue from <see cref="CheckpointDirectory"/>'s latest checkpoint when there is one; the result equals an uninterrupted run (CPU).</summary>
    /// <value>Default false.</value>
    public bool Resume { get; set; }

    /// <summary>Seed for weight initialization, shuffling and the validation split; same seed, same result on CPU.</summary>
    /// <value>Default null: the context's seed.</value>
    public int? Seed { get; set; }

    /// <summary>Where to train.</summary>
    /// <value>Default <see cref="ComputeDevice.Auto"/> (CUDA when available).</value>
    public ComputeDevice Device { get; set; } = ComputeDevice.Auto;

    /// <summary>
    /// The arithmetic of training steps (see <see cref="TrainingPrecision"/>): mixed precision speeds up CUDA training (and
    /// CPU training on processors with AVX-512 BF16) and halves activation memory; weights, gradients and optimizer state
    /// stay float32 and predictions run in float32.
    /// </summary>
    /// <value>
    /// Default null: <see cref="Torch.DefaultPrecision"/> — <see cref="TrainingPrecision.BFloat16"/> on CUDA (choose
    /// <see cref="TrainingPrecision.Float16"/> on GPUs older than Ampere) and on a CPU with AVX-512 BF16 instructions
    /// (<see cref="Torch.CpuHasBFloat16"/>), <see cref="TrainingPrecision.Float32"/> on other CPUs. Choose
    /// <see cref="TrainingPrecision.Float32"/> to turn mixed precision off. <see cref="TrainingPrecision.Float16"/> needs
    /// CUDA; <see cref="TrainingPrecision.BFloat16"/> also runs on CPUs without those instructions, slower than float32.
    /// </value>
    public TrainingPrecision? Precision { get; set; }

    /// <summary>
    /// libtorch intra-op threads of this training's network (its forward and backward passes and predictions), applied
    /// on the calling thread during each call: other trainings and the rest of the process keep their own setting.
    /// </summary>
    /// <value>
    /// Default null: the calling thread's libtorch setting (<c>Torch.Threads</c>), which libtorch starts at its count of
    /// physical cores; where it cannot tell cores from hardware threads, as on some virtual machines, that is 1. Set it
    /// to the number of cores to use them all (the CLI does by default).
    /// </value>
    public int? Threads { get; set; }

    /// <summary>
    /// Data-parallel training with other processes (see <see cref="DistributedOptions"/>); null trains alone unless
    /// torchrun's environment variables (WORLD_SIZE above 1, RANK, MASTER_ADDR, MASTER_PORT) say otherwise. Early
    /// stopping and the plateau schedule follow rank 0's values on every rank; only rank 0 restores the best weights.
    /// </summary>
    /// <value>Default null.</value>
    public DistributedOptions? Distributed { get; set; }

    /// <summary>The distributed setting a training uses: <see cref="Distributed"/>, else torchrun's environment variables, else null (alone).</summary>
    internal DistributedOptions? EffectiveDistributed => Distributed ?? DistributedOptions.FromEnvironment();

    /// <summary>
    /// Class-balanced sampling (multiclass and binary): each epoch draws, with replacement, as many rows of every class as
    /// the largest class has, so minority classes are oversampled; an alternative to class weights.
    /// </summary>
    /// <value>Default false.</value>
    public bool BalancedSampling { get; set; }

    /// <summary>Per-channel means subtracted after <see cref="PixelScale"/> (stored in the model); null for none.</summary>
    /// <value>Default null.</value>
    public IReadOnlyList<float>? PixelMean { get; set; }

    /// <summary>Per-channel standard deviations divided by after subtracting <see cref="PixelMean"/> (stored in the model).</summary>
    /// <value>Default null.</value>
    public IReadOnlyList<float>? PixelStd { get; set; }

    /// <summary>Compute <see cref="PixelMean"/> and <see cref="PixelStd"/> per channel over the training images at Fit (featurewise normalization).</summary>
    /// <value>Default false.</value>
    public bool ComputePixelStatistics { get; set; }

    /// <summary>Fraction of the training rows held out for validation when no validation data is given, in [0, 1).</summary>
    /// <value>Default 0 (no validation).</value>
    public double ValidationFraction { get; set; }

    /// <summary>Pixel scale applied before the network.</summary>
    /// <value>Default 1/255 (pixels in [0, 1]).</value>
    public float PixelScale { get; set; } = 1f / 255f;

    /// <summary>Batches prepared ahead of the training step by a background producer.</summary>
    /// <value>Default 4.</value>
    public int PrefetchBatches { get; set; } = 4;

    /// <summary>Where to write one progress line per epoch; the library prints nothing unless this is set.</summary>
    /// <value>Default null (silent).</value>
    public TextWriter? Progress { get; set; }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first invalid option and its allowed range, including what the
    /// task rules out (a loss of another task, an early-stopping monitor the task does not report, balanced sampling
    /// without classes). The one check of the options: the trainer runs it when it is made and when <c>Fit</c> starts
    /// (the options may have changed since); beyond it, <c>Fit</c> checks only what depends on the data.
    /// </summary>
    /// <param name="task">The task the options will train.</param>
    public void Validate(CnnTask task)
    {
        Require(!string.IsNullOrWhiteSpace(LabelColumnName), nameof(LabelColumnName), "must name a column");
        Require(!string.IsNullOrWhiteSpace(ImageColumnName), nameof(ImageColumnName), "must name a column");
        Require(ImageHeight is null or > 0, nameof(ImageHeight), $"must be positive or null (got {ImageHeight})");
        Require(ImageWidth is null or > 0, nameof(ImageWidth), $"must be positive or null (got {ImageWidth})");
        Require(ColorMode is null || Enum.IsDefined(ColorMode.Value), nameof(ColorMode), $"must be Gray, Rgb or Rgba (got {ColorMode})");
        Require(Enum.IsDefined(Resize), nameof(Resize), $"must be Bilinear, Nearest or CenterCrop (got {Resize})");
        Require(Architecture is not null, nameof(Architecture), "must be set (see Architectures)");
        Require(Epochs >= 1, nameof(Epochs), $"must be at least 1 (got {Epochs})");
        Require(BatchSize >= 1, nameof(BatchSize), $"must be at least 1 (got {BatchSize})");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, nameof(LearningRate), $"must be a positive number (got {LearningRate})");
        Require(Enum.IsDefined(Optimizer), nameof(Optimizer), $"is not a known optimizer (got {Optimizer})");
        Require(Momentum is null or (>= 0 and < 1), nameof(Momentum), $"must lie in [0, 1) (got {Momentum})");
        Require(Dampening is >= 0 and <= 1, nameof(Dampening), $"must lie in [0, 1] (got {Dampening})");
        Require(!Nesterov || (Optimizer == OptimizerKind.Sgd && (Momentum ?? 0.9) > 0 && Dampening == 0), nameof(Nesterov),
            "needs the SGD optimizer with Momentum > 0 and Dampening 0");
        Require(WeightDecay is null || (double.IsFinite(WeightDecay.Value) && WeightDecay >= 0), nameof(WeightDecay), $"must be >= 0 (got {WeightDecay})");
        Require(double.IsFinite(L1Regularization) && L1Regularization >= 0, nameof(L1Regularization), $"must be >= 0 (got {L1Regularization})");
        Require(double.IsFinite(GradientClipNorm) && GradientClipNorm >= 0, nameof(GradientClipNorm), $"must be >= 0 (got {GradientClipNorm})");
        Require(double.IsFinite(GradientClipValue) && GradientClipValue >= 0, nameof(GradientClipValue), $"must be >= 0 (got {GradientClipValue})");
        Require(Schedule is not null, nameof(Schedule), "must be set (see LearningRateSchedule)");
        Require((PixelMean is null) == (PixelStd is null) && (PixelMean is null || PixelMean.Count == PixelStd!.Count), nameof(PixelMean),
            "and PixelStd must be given together, one value per channel");
        Require(PixelStd is null || PixelStd.All(s => s > 0 && float.IsFinite(s)), nameof(PixelStd), "must hold positive values");
        Require(!ComputePixelStatistics || PixelMean is null, nameof(ComputePixelStatistics), "cannot be combined with a given PixelMean");
        Require(CheckpointEveryEpochs >= 1, nameof(CheckpointEveryEpochs), $"must be at least 1 (got {CheckpointEveryEpochs})");
        Require(!Resume || CheckpointDirectory is not null, nameof(Resume), "needs CheckpointDirectory");
        EarlyStopping?.Validate();
        Require(Enum.IsDefined(Device), nameof(Device), $"is not a known device (got {Device})");
        Require(Precision is null || Enum.IsDefined(Precision.Value), nameof(Precision), $"is not a known precision (got {Precision})");
        Require(Precision != TrainingPrecision.Float16 || Torch.Resolve(Device) == ComputeDevice.Cuda, nameof(Precision),
            "Float16 needs a CUDA device; on CPU use BFloat16 or Float32");
        Require(Threads is null or >= 1, nameof(Threads), $"must be at least 1 (got {Threads})");
        Require(ValidationFraction is >= 0 and < 1, nameof(ValidationFraction), $"must lie in [0, 1) (got {ValidationFraction})");
        Require(float.IsFinite(PixelScale) && PixelScale > 0, nameof(PixelScale), $"must be positive (got {PixelScale})");
        Require(PrefetchBatches >= 1, nameof(PrefetchBatches), $"must be at least 1 (got {PrefetchBatches})");
        Require(Enum.IsDefined(LossReduction), nameof(LossReduction), $"is not a known reduction (got {LossReduction})");
        Require(EmbeddingDimension >= 1, nameof(EmbeddingDimension), $"must be at least 1 (got {EmbeddingDimension})");
        foreach (var (key, weight) in ClassWeights ?? new Dictionary<string, float>())
            Require(float.IsFinite(weight) && weight >= 0, nameof(ClassWeights), $"must hold finite weights >= 0 (got {weight} for '{key}')");
        if (EffectiveDistributed is { } distributed)
        {
            distributed.Validate();
            Require(distributed.WorldSize == 1 || Seed is not null, nameof(Seed),
                "must be set for distributed training: every rank must draw the same epoch order and validation split");
        }
        ValidateForTask(task);
    }

    private void ValidateForTask(CnnTask task)
    {
        var name = task.ToString().ToLowerInvariant();
        try
        {
            Loss?.CheckFits(task, outputs: 0);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Option {e.Message}", nameof(Loss), e);
        }
        if (EarlyStopping is { } rule)
            Require(MonitorExists(task, rule.Monitor), nameof(rule.Monitor), $"'{rule.Monitor}' is not reported by the {name} task; use TrainLoss, " +
                $"ValidationLoss{(TaskAccuracy.Applies(task) ? ", TrainAccuracy, ValidationAccuracy" : "")} or one of {string.Join(", ", TaskMetrics.Names(task))}");
        Require(!BalancedSampling || task is CnnTask.Multiclass or CnnTask.Binary, nameof(BalancedSampling),
            $"needs class labels (multiclass or binary), not the {name} task");
    }

    private static bool MonitorExists(CnnTask task, string name) =>
        name is "TrainLoss" or "ValidationLoss" || (TaskAccuracy.Applies(task) && name is "TrainAccuracy" or "ValidationAccuracy") ||
        TaskMetrics.Names(task).Contains(name);

    private static void Require(bool ok, string option, string rule)
    {
        if (!ok) throw new ArgumentException($"Option {option} {rule}.", option);
    }
}
