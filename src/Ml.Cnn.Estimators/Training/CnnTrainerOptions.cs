using Ml.Cnn.Engine;
using Ml.Cnn.Layers;
using Ml.Cnn.Losses;

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

    /// <summary>The image column (uint8 CHW images).</summary>
    /// <value>Default <c>Image</c>.</value>
    public string ImageColumnName { get; set; } = DefaultColumnNames.Image;

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

    /// <summary>SGD momentum in [0, 1); ignored by Adam.</summary>
    /// <value>Default 0.9.</value>
    public double Momentum { get; set; } = 0.9;

    /// <summary>L2 weight decay added to the gradient (PyTorch's <c>weight_decay</c>).</summary>
    /// <value>Default 0.</value>
    public double WeightDecay { get; set; }

    /// <summary>Seed for weight initialization, shuffling and the validation split; same seed, same result on CPU.</summary>
    /// <value>Default null: the context's seed.</value>
    public int? Seed { get; set; }

    /// <summary>Where to train.</summary>
    /// <value>Default <see cref="ComputeDevice.Auto"/> (CUDA when available).</value>
    public ComputeDevice Device { get; set; } = ComputeDevice.Auto;

    /// <summary>libtorch intra-op threads (process-wide).</summary>
    /// <value>Default null: libtorch's choice (the number of cores).</value>
    public int? Threads { get; set; }

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

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option and its allowed range.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(LabelColumnName), nameof(LabelColumnName), "must name a column");
        Require(!string.IsNullOrWhiteSpace(ImageColumnName), nameof(ImageColumnName), "must name a column");
        Require(Architecture is not null, nameof(Architecture), "must be set (see Architectures)");
        Require(Epochs >= 1, nameof(Epochs), $"must be at least 1 (got {Epochs})");
        Require(BatchSize >= 1, nameof(BatchSize), $"must be at least 1 (got {BatchSize})");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, nameof(LearningRate), $"must be a positive number (got {LearningRate})");
        Require(Enum.IsDefined(Optimizer), nameof(Optimizer), $"is not a known optimizer (got {Optimizer})");
        Require(Momentum is >= 0 and < 1, nameof(Momentum), $"must lie in [0, 1) (got {Momentum})");
        Require(double.IsFinite(WeightDecay) && WeightDecay >= 0, nameof(WeightDecay), $"must be >= 0 (got {WeightDecay})");
        Require(Enum.IsDefined(Device), nameof(Device), $"is not a known device (got {Device})");
        Require(Threads is null or >= 1, nameof(Threads), $"must be at least 1 (got {Threads})");
        Require(ValidationFraction is >= 0 and < 1, nameof(ValidationFraction), $"must lie in [0, 1) (got {ValidationFraction})");
        Require(float.IsFinite(PixelScale) && PixelScale > 0, nameof(PixelScale), $"must be positive (got {PixelScale})");
        Require(PrefetchBatches >= 1, nameof(PrefetchBatches), $"must be at least 1 (got {PrefetchBatches})");
        Require(Enum.IsDefined(LossReduction), nameof(LossReduction), $"is not a known reduction (got {LossReduction})");
        Require(EmbeddingDimension >= 1, nameof(EmbeddingDimension), $"must be at least 1 (got {EmbeddingDimension})");
        foreach (var (key, weight) in ClassWeights ?? new Dictionary<string, float>())
            Require(float.IsFinite(weight) && weight >= 0, nameof(ClassWeights), $"must hold finite weights >= 0 (got {weight} for '{key}')");
    }

    private static void Require(bool ok, string option, string rule)
    {
        if (!ok) throw new ArgumentException($"Option {option} {rule}.", option);
    }
}
