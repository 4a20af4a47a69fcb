namespace Ml.Cnn.Transforms.Tests.Balancing;

/// <summary>The output row PredictionEngine fills in the ClassWeights workout.</summary>
public sealed class ClassWeightsPrediction
{
    public float Weight { get; set; }
}
