namespace Ml.Cnn.Sweeps.Tests.Samplers;

/// <summary>Hand-made trials for sampler tests.</summary>
internal static class SamplerCases
{
    public static TrialRecord Trial(int number, TrialState state, double? value, params (string Name, object Value)[] parameters) =>
        new(number + 1, number, state, new TrialParameters(parameters.Select(p => new KeyValuePair<string, object>(p.Name, p.Value))), 1, value,
            state == TrialState.Pruned ? [value ?? 0] : Enumerable.Repeat(value ?? 0, 3).ToArray(), "test:1:0", DateTime.UtcNow, DateTime.UtcNow, null, null);
}
