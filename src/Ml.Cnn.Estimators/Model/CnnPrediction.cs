using Ml.Cnn.Legacy;
namespace Ml.Cnn.Model;

/// <summary>The prediction for one image.</summary>
/// <param name="PredictedLabel">The label value with the highest probability.</param>
/// <param name="Score">Softmax probability per class, in the order of <see cref="CnnMulticlassModel.Labels"/>.</param>
public sealed record CnnPrediction(string PredictedLabel, float[] Score);
