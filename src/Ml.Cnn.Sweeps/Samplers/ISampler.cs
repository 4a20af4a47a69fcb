namespace Ml.Cnn.Sweeps;

/// <summary>Chooses a new trial's parameters from the space and the study's trials so far.</summary>
public interface ISampler
{
    /// <summary>The sampler's name as studies record it (random, grid, tpe).</summary>
    string Name { get; }

    /// <summary>The parameters of the trial numbered <see cref="SamplingContext.Number"/>.</summary>
    /// <param name="space">The study's space.</param>
    /// <param name="context">The trial's number, the study's seed and direction, and its trials so far.</param>
    TrialParameters Sample(SearchSpace space, SamplingContext context);
}
