using Ml.Cnn.Training;

namespace Ml.Cnn.Losses;

/// <summary>A weighted sum of losses that share a task, each reduced on its own; created by <see cref="Loss.WeightedSum"/>.</summary>
public sealed class WeightedSumLoss : Loss
{
    internal WeightedSumLoss((Loss Loss, double Weight)[] terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Length == 0) throw new ArgumentException("A weighted sum needs at least one loss.", nameof(terms));
        foreach (var (loss, weight) in terms)
        {
            ArgumentNullException.ThrowIfNull(loss, nameof(terms));
            if (loss is WeightedSumLoss) throw new ArgumentException("A weighted sum cannot hold another weighted sum; list its terms instead.", nameof(terms));
            Require(weight, "weight", weight >= 0 && double.IsFinite(weight), "must be finite and >= 0");
        }
        Terms = terms.ToArray();
        Tasks = Enum.GetValues<CnnTask>().Where(t => Terms.All(term => term.Loss.Tasks.Contains(t))).ToArray();
        if (Tasks.Count == 0)
            throw new ArgumentException($"The losses {string.Join(", ", Terms.Select(t => t.Loss.Name))} share no task, so they cannot be summed.", nameof(terms));
    }

    /// <summary>The losses and their weights.</summary>
    public IReadOnlyList<(Loss Loss, double Weight)> Terms { get; }

    /// <inheritdoc />
    public override string Name => "WeightedSum";

    /// <inheritdoc />
    public override IReadOnlyList<CnnTask> Tasks { get; }

    /// <inheritdoc />
    public override string ToString() => string.Join(" + ", Terms.Select(t => $"{Format(t.Weight)} * {t.Loss}"));

    internal override string ToSpec() => string.Join("\n", Terms.Select(t => $"{t.Loss.ToSpec()} scale={Format(t.Weight)}"));

    internal override void CheckFits(CnnTask task, int outputs)
    {
        base.CheckFits(task, outputs);
        foreach (var term in Terms) term.Loss.CheckFits(task, outputs);
    }

    internal override IEnumerable<KeyValuePair<string, object>> Parameters() => [];
}
