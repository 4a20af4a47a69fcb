namespace Ml.Cnn.Sweeps;

/// <summary>Independent uniform draws (log-uniform for log ranges); trial n's values depend only on the seed and n.</summary>
public sealed class RandomSampler : ISampler
{
    /// <inheritdoc/>
    public string Name => "random";

    /// <inheritdoc/>
    public TrialParameters Sample(SearchSpace space, SamplingContext context)
    {
        var random = context.Random();
        return ParameterDraw.Walk(space, range => ParameterDraw.Uniform(range, random));
    }
}
