using Ml.Cnn.Legacy;
namespace Ml.Cnn.Model;

/// <summary>The multilabel prediction for one image.</summary>
/// <param name="PredictedLabels">The names of the labels whose probability is above <see cref="MultilabelDecision.Threshold"/>.</param>
/// <param name="Score">The probability of each label, in the order of <see cref="CnnMultilabelModel.Labels"/>.</param>
public sealed record MultilabelPrediction(IReadOnlyList<string> PredictedLabels, float[] Score);
