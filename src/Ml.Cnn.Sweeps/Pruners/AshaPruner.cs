namespace Ml.Cnn.Sweeps;

/// <summary>
/// Asynchronous successive halving (Li et al. 2018, as Optuna's SuccessiveHalvingPruner) with epochs as the resource: rungs
/// at <see cref="MinEpochs"/> × <see cref="ReductionFactor"/>^k epochs (k = 0, 1, ...; below the trial's epochs). At a rung a
/// trial goes on when its metric is at least as good as the value ranked ⌊n / η⌋ (1-based; the best when n &lt; η) among the
/// n trials that reached the rung so far, itself included — so about the best 1/η go on, and a trial is never held back
/// waiting for others (the first to reach a rung always goes on).
/// </summary>
/// <param name="minEpochs">The first rung (default 1).</param>
/// <param name="reductionFactor">η: the share kept at each rung is 1/η (default 3; at least 2).</param>
public sealed class AshaPruner(int minEpochs = 1, int reductionFactor = 3) : IPruner
{
    /// <summary>The first rung, in epochs.</summary>
    public int MinEpochs { get; } = minEpochs >= 1 ? minEpochs : throw new ArgumentOutOfRangeException(nameof(minEpochs), "ASHA's first rung must be at least 1 epoch.");

    /// <summary>η, the reduction factor.</summary>
    public int ReductionFactor { get; } = reductionFactor >= 2 ? reductionFactor : throw new ArgumentOutOfRangeException(nameof(reductionFactor), "ASHA's reduction factor must be at least 2.");

    /// <inheritdoc/>
    public string Name => "asha";

    /// <inheritdoc/>
    public IReadOnlyList<int> Rungs(int maxEpochs)
    {
        var rungs = new List<int>();
        for (long r = MinEpochs; r < maxEpochs; r *= ReductionFactor) rungs.Add((int)r);
        return rungs;
    }

    /// <inheritdoc/>
    public bool Promote(double value, IReadOnlyList<double> rungValues, bool maximize)
    {
        var ordered = rungValues.OrderBy(v => maximize ? -v : v).ToArray();
        if (ordered.Length == 0) return true;
        var index = Math.Max(0, ordered.Length / ReductionFactor - 1);
        return !MetricDirection.Better(ordered[index], value, maximize);
    }
}
