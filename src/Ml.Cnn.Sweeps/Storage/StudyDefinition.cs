namespace Ml.Cnn.Sweeps;

/// <summary>What defines a study; a rerun with the same name must define it the same way (space and metric).</summary>
/// <param name="Name">The study's name, unique in its storage.</param>
/// <param name="Metric">The validation metric compared (an ML.NET evaluator name, e.g. MicroAccuracy).</param>
/// <param name="Maximize">Whether larger is better.</param>
/// <param name="Space">The search space.</param>
/// <param name="Sampler">The sampler's name (recorded; a rerun may use another).</param>
/// <param name="Pruner">The pruner's name (recorded; a rerun may use another).</param>
/// <param name="Seed">The study's seed.</param>
public sealed record StudyDefinition(string Name, string Metric, bool Maximize, SearchSpace Space, string Sampler, string Pruner, int Seed);
