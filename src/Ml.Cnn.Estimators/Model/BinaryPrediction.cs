using Ml.Cnn.Legacy;
namespace Ml.Cnn.Model;

/// <summary>The binary prediction for one image.</summary>
/// <param name="PredictedLabel">True when <paramref name="Score"/> is at least 0 (probability at least 0.5).</param>
/// <param name="Probability">The sigmoid of the score.</param>
/// <param name="Score">The raw logit.</param>
public sealed record BinaryPrediction(bool PredictedLabel, float Probability, float Score);
