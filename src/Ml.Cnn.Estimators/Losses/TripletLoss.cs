using Ml.Cnn.Training;

namespace Ml.Cnn.Losses;

/// <summary>
/// Triplet margin loss (PyTorch's triplet_margin_loss) with batch-hard mining: each row of a batch is an anchor whose
/// farthest same-label row is the positive and nearest other-label row the negative, on L2-normalized embeddings. Rows
/// without a positive or a negative in the batch do not count. Created by <see cref="Loss.TripletMargin"/>.
/// </summary>
public sealed class TripletLoss : Loss
{
    /// <summary>
    /// The margin used when none is given (<see cref="Loss.TripletMargin"/>, the embedding trainer's default loss, the
    /// <c>mlcnn</c> tool): 0.2, a common choice for unit-length embeddings (PyTorch's own default, 1, is the largest
    /// useful margin there).
    /// </summary>
    public const double DefaultMargin = 0.2;

    internal TripletLoss(double margin, int p, bool swap)
    {
        Margin = Require(margin, "margin", margin > 0 && double.IsFinite(margin), "must be a finite number > 0");
        if (p < 1) throw new ArgumentOutOfRangeException(nameof(p), p, "p (the norm degree) must be at least 1.");
        P = p;
        Swap = swap;
    }

    /// <summary>The margin.</summary>
    public double Margin { get; }

    /// <summary>The norm degree of the distance.</summary>
    public int P { get; }

    /// <summary>Whether the distance swap is used.</summary>
    public bool Swap { get; }

    /// <inheritdoc />
    public override string Name => "TripletMargin";

    /// <inheritdoc />
    public override IReadOnlyList<CnnTask> Tasks => [CnnTask.Embedding];

    internal override string ToSpec() => Line("triplet");

    internal override IEnumerable<KeyValuePair<string, object>> Parameters() => [new("margin", Margin), new("p", P), new("swap", Swap)];
}
