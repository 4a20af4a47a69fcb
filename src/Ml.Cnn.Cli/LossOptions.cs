using System.CommandLine;
using Ml.Cnn.Engine;
using Ml.Cnn.Losses;
using Ml.Cnn.Training;

namespace Ml.Cnn.Cli;

/// <summary>The task and loss flags of <c>mlcnn train</c>, and how they become a <see cref="Loss"/>.</summary>
internal sealed class LossOptions
{
    public Option<string> Task { get; } = new("--task") { Description = "multiclass, binary, multilabel, regression or embedding.", DefaultValueFactory = _ => "multiclass" };

    public Option<string?> Loss { get; } = new("--loss")
    {
        Description = "ce, focal, hinge (multiclass); bce, focal, hinge (binary, multilabel: sigmoid focal, binary hinge); mse, mae, huber, smoothl1 (regression); triplet (embedding). Default: the task's usual loss.",
    };

    public Option<double> LabelSmoothing { get; } = new("--label-smoothing") { Description = "Label smoothing in [0, 1) for ce and bce.", DefaultValueFactory = _ => 0 };

    public Option<double> FocalGamma { get; } = new("--focal-gamma") { Description = "Focal gamma >= 0.", DefaultValueFactory = _ => 2 };

    public Option<double?> FocalAlpha { get; } = new("--focal-alpha") { Description = "Focal alpha (softmax focal default 1; sigmoid focal default 0.25, negative disables)." };

    public Option<double?> Margin { get; } = new("--margin") { Description = FormattableString.Invariant($"Margin > 0 of hinge (default 1) and triplet (default {Losses.TripletLoss.DefaultMargin}).") };

    public Option<double> Delta { get; } = new("--delta") { Description = "Huber delta / smooth L1 beta > 0.", DefaultValueFactory = _ => 1 };

    public Option<double> PositiveWeight { get; } = new("--pos-weight") { Description = "bce pos_weight >= 0 (> 1 favours recall).", DefaultValueFactory = _ => 1 };

    public Option<string> Reduction { get; } = new("--reduction")
    {
        Description = "mean (PyTorch: sum(w*l)/sum(w)), sum-over-batch (Keras: sum(w*l)/N) or sum.",
        DefaultValueFactory = _ => "mean",
    };

    public IEnumerable<Option> All => [Task, Loss, LabelSmoothing, FocalGamma, FocalAlpha, Margin, Delta, PositiveWeight, Reduction];

    public static CnnTask ParseTask(string text) => text.ToLowerInvariant() switch
    {
        "multiclass" => CnnTask.Multiclass,
        "binary" => CnnTask.Binary,
        "multilabel" => CnnTask.Multilabel,
        "regression" => CnnTask.Regression,
        "embedding" => CnnTask.Embedding,
        _ => throw new UsageException($"--task must be multiclass, binary, multilabel, regression or embedding (got '{text}')."),
    };

    public static LossReduction ParseReduction(string text) => text.ToLowerInvariant() switch
    {
        "mean" => LossReduction.Mean,
        "sum-over-batch" => LossReduction.SumOverBatchSize,
        "sum" => LossReduction.Sum,
        _ => throw new UsageException($"--reduction must be mean, sum-over-batch or sum (got '{text}')."),
    };

    /// <summary>The loss the flags describe for the task, or null for the task's default.</summary>
    public Loss? Build(ParseResult r, CnnTask task)
    {
        var name = r.GetValue(Loss);
        if (name is null) return null;
        var sigmoid = task is CnnTask.Binary or CnnTask.Multilabel;
        var gamma = r.GetValue(FocalGamma);
        var alpha = r.GetValue(FocalAlpha);
        var margin = r.GetValue(Margin);
        var delta = r.GetValue(Delta);
        return name.ToLowerInvariant() switch
        {
            "ce" => Losses.Loss.CrossEntropy(r.GetValue(LabelSmoothing)),
            "focal" when sigmoid => Losses.Loss.SigmoidFocal(gamma, alpha ?? 0.25),
            "focal" => Losses.Loss.Focal(gamma, alpha ?? 1),
            "hinge" when sigmoid => Losses.Loss.BinaryHinge(margin ?? 1),
            "hinge" => Losses.Loss.Hinge(margin ?? 1),
            "bce" => Losses.Loss.BinaryCrossEntropy(r.GetValue(PositiveWeight), r.GetValue(LabelSmoothing)),
            "mse" => Losses.Loss.MeanSquaredError(),
            "mae" => Losses.Loss.MeanAbsoluteError(),
            "huber" => Losses.Loss.Huber(delta),
            "smoothl1" => Losses.Loss.SmoothL1(delta),
            "triplet" => Losses.Loss.TripletMargin(margin ?? Losses.TripletLoss.DefaultMargin),
            _ => throw new UsageException($"--loss must be ce, focal, hinge, bce, mse, mae, huber, smoothl1 or triplet (got '{name}')."),
        };
    }
}
