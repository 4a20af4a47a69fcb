using System.Globalization;
using Ml.Cnn.Training;

namespace Ml.Cnn.Losses;

/// <summary>
/// A training loss, chosen through <see cref="CnnTrainerOptions.Loss"/>: <c>Loss.CrossEntropy(labelSmoothing: 0.1)</c>,
/// <c>Loss.Focal(gamma: 2)</c>, ... Every factory validates its arguments and throws an <see cref="ArgumentOutOfRangeException"/>
/// naming the bad one. Values and gradients equal PyTorch's (tests/reference/golden_losses.json).
/// </summary>
public abstract class Loss
{
    private protected Loss()
    {
    }

    /// <summary>The loss's name, e.g. <c>CrossEntropy</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The tasks this loss fits.</summary>
    public abstract IReadOnlyList<CnnTask> Tasks { get; }

    /// <summary>Softmax cross-entropy (multiclass): integer labels or soft / one-hot labels (mixup), with label smoothing.</summary>
    /// <param name="labelSmoothing">PyTorch's label_smoothing in [0, 1). Default 0.</param>
    public static Loss CrossEntropy(double labelSmoothing = 0) => new CrossEntropyLoss(labelSmoothing);

    /// <summary>Softmax focal loss (multiclass): -alpha_y (1 - p_y)^gamma log p_y; gamma 0 and alpha 1 equal cross-entropy.</summary>
    /// <param name="gamma">The focusing parameter, >= 0. Default 2.</param>
    /// <param name="alpha">One balancing factor for every class, >= 0. Default 1.</param>
    public static Loss Focal(double gamma = 2, double alpha = 1) => new FocalLoss(gamma, [alpha]);

    /// <summary>Softmax focal loss with one alpha per class (in class key order).</summary>
    /// <param name="gamma">The focusing parameter, >= 0.</param>
    /// <param name="alphaPerClass">One balancing factor per class, each >= 0.</param>
    public static Loss Focal(double gamma, IReadOnlyList<double> alphaPerClass) => new FocalLoss(gamma, alphaPerClass);

    /// <summary>Multi-class hinge loss (PyTorch's MultiMarginLoss): sum over j != y of max(0, margin - x_y + x_j)^p / classes.</summary>
    /// <param name="margin">The margin, > 0. Default 1.</param>
    /// <param name="power">p, 1 or 2. Default 1.</param>
    public static Loss Hinge(double margin = 1, int power = 1) => new HingeLoss(margin, power);

    /// <summary>Binary cross-entropy with logits (binary and multilabel), with PyTorch's pos_weight and Keras-style label smoothing.</summary>
    /// <param name="positiveWeight">pos_weight: one value for every output, > 0 raises recall. Default 1.</param>
    /// <param name="labelSmoothing">Targets become y(1 - s) + s/2; in [0, 1). Default 0.</param>
    public static Loss BinaryCrossEntropy(double positiveWeight = 1, double labelSmoothing = 0) =>
        new BinaryCrossEntropyLoss([positiveWeight], labelSmoothing);

    /// <summary>Binary cross-entropy with one pos_weight per label (multilabel, in label order).</summary>
    /// <param name="positiveWeightPerLabel">One pos_weight per output, each >= 0.</param>
    /// <param name="labelSmoothing">Targets become y(1 - s) + s/2; in [0, 1). Default 0.</param>
    public static Loss BinaryCrossEntropy(IReadOnlyList<double> positiveWeightPerLabel, double labelSmoothing = 0) =>
        new BinaryCrossEntropyLoss(positiveWeightPerLabel, labelSmoothing);

    /// <summary>Sigmoid focal loss as torchvision's sigmoid_focal_loss (binary and multilabel).</summary>
    /// <param name="gamma">The focusing parameter, >= 0. Default 2.</param>
    /// <param name="alpha">Weight of positives in [0, 1], negatives get 1 - alpha; negative disables it. Default 0.25.</param>
    public static Loss SigmoidFocal(double gamma = 2, double alpha = 0.25) => new SigmoidFocalLoss(gamma, alpha);

    /// <summary>Binary hinge loss max(0, margin - y·x) with y in {-1, +1} (binary and multilabel).</summary>
    /// <param name="margin">The margin, > 0. Default 1.</param>
    public static Loss BinaryHinge(double margin = 1) => new BinaryHingeLoss(margin);

    /// <summary>Mean squared error (regression).</summary>
    public static Loss MeanSquaredError() => new RegressionLoss("MeanSquaredError", "mse", null, 0);

    /// <summary>Mean absolute error (regression).</summary>
    public static Loss MeanAbsoluteError() => new RegressionLoss("MeanAbsoluteError", "mae", null, 0);

    /// <summary>Huber loss (regression), as PyTorch's huber_loss.</summary>
    /// <param name="delta">Where the loss turns from quadratic to linear, > 0. Default 1.</param>
    public static Loss Huber(double delta = 1) => new RegressionLoss("Huber", "huber", "delta", delta);

    /// <summary>Smooth L1 loss (regression), as PyTorch's smooth_l1_loss.</summary>
    /// <param name="beta">Where the loss turns from quadratic to linear, > 0. Default 1.</param>
    public static Loss SmoothL1(double beta = 1) => new RegressionLoss("SmoothL1", "smoothl1", "beta", beta);

    /// <summary>Triplet margin loss with batch-hard mining on L2-normalized embeddings (embedding).</summary>
    /// <param name="margin">The margin, > 0. Default <see cref="TripletLoss.DefaultMargin"/> (0.2).</param>
    /// <param name="p">The norm degree of the distance, >= 1. Default 2.</param>
    /// <param name="swap">Use the distance swap of Balntas et al. (PyTorch's swap). Default false.</param>
    public static Loss TripletMargin(double margin = TripletLoss.DefaultMargin, int p = 2, bool swap = false) => new TripletLoss(margin, p, swap);

    /// <summary>A weighted sum of losses, each reduced on its own: sum_k weight_k · loss_k.</summary>
    /// <param name="terms">The losses and their weights (each >= 0); the losses must share a task.</param>
    public static Loss WeightedSum(params (Loss Loss, double Weight)[] terms) => new WeightedSumLoss(terms);

    /// <summary>The loss's name and parameters.</summary>
    public override string ToString() => $"{Name}({string.Join(", ", Parameters().Select(p => $"{p.Key}: {Format(p.Value)}"))})";

    /// <summary>The native spec line(s) of this loss.</summary>
    internal abstract string ToSpec();

    /// <summary>Throws when the loss does not fit the task or the number of outputs (e.g. one alpha per class).</summary>
    /// <param name="task">The trainer's task.</param>
    /// <param name="outputs">The network's outputs, or 0 when not known yet (only the task is checked).</param>
    internal virtual void CheckFits(CnnTask task, int outputs)
    {
        if (!Tasks.Contains(task))
            throw new ArgumentException(
                $"Loss {Name} does not fit the {task.ToString().ToLowerInvariant()} task; it fits {string.Join(", ", Tasks.Select(t => t.ToString().ToLowerInvariant()))}. " +
                $"Choose a loss for {task.ToString().ToLowerInvariant()} (see Loss) or the trainer of the task the labels describe.");
    }

    /// <summary>The parameters shown by <see cref="ToString"/>.</summary>
    internal abstract IEnumerable<KeyValuePair<string, object>> Parameters();

    internal static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyList<double> list => string.Join(",", list.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
        bool b => b ? "1" : "0",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>One spec line: the native kind and the parameters as key=value.</summary>
    internal string Line(string kind) =>
        string.Join(" ", new[] { kind }.Concat(Parameters().Select(p => $"{SpecKey(p.Key)}={Format(p.Value)}")));

    private static string SpecKey(string name) => name switch
    {
        "labelSmoothing" => "smoothing",
        "positiveWeight" => "pos_weight",
        "power" => "p",
        _ => name,
    };

    internal static double Require(double value, string name, bool ok, string rule) =>
        ok && !double.IsNaN(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} {rule} (got {value}).");
}
