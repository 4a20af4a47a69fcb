namespace Ml.Cnn.Sweeps;

/// <summary>Every trial trains all its epochs.</summary>
public sealed class NoPruner : IPruner
{
    /// <inheritdoc/>
    public string Name => "none";

    /// <inheritdoc/>
    public IReadOnlyList<int> Rungs(int maxEpochs) => [];

    /// <inheritdoc/>
    public bool Promote(double value, IReadOnlyList<double> rungValues, bool maximize) => true;
}
