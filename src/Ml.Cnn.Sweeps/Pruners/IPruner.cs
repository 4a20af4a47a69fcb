namespace Ml.Cnn.Sweeps;

/// <summary>Decides, at the epochs it watches, whether a trial goes on training.</summary>
public interface IPruner
{
    /// <summary>The pruner's name as studies record it (asha, none).</summary>
    string Name { get; }

    /// <summary>The epochs at which trials are judged (rungs), for trials of <paramref name="maxEpochs"/> epochs; a trial is never judged at its last epoch.</summary>
    /// <param name="maxEpochs">The epochs a trial trains when not pruned.</param>
    IReadOnlyList<int> Rungs(int maxEpochs);

    /// <summary>Whether a trial with <paramref name="value"/> at a rung goes on.</summary>
    /// <param name="value">The trial's metric at the rung.</param>
    /// <param name="rungValues">The metric of every trial (this one included; failed ones excluded) that reached the rung.</param>
    /// <param name="maximize">Whether larger is better.</param>
    bool Promote(double value, IReadOnlyList<double> rungValues, bool maximize);
}
