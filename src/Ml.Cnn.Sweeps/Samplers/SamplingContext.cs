namespace Ml.Cnn.Sweeps;

/// <summary>What a sampler knows when a trial is claimed.</summary>
/// <param name="Number">The new trial's number.</param>
/// <param name="Seed">The study's seed.</param>
/// <param name="Maximize">Whether larger metric values are better.</param>
/// <param name="Trials">Every trial of the study so far, in number order (running and failed ones too).</param>
public sealed record SamplingContext(int Number, int Seed, bool Maximize, IReadOnlyList<TrialRecord> Trials)
{
    /// <summary>A generator that depends only on the study's seed and the trial's number, so a rerun draws the same values.</summary>
    public Random Random() => new(unchecked(Seed * 1_000_003 + Number * 7_919 + 17));
}
