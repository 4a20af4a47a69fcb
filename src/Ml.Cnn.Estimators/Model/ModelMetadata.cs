namespace Ml.Cnn.Model;

/// <summary>What a model file records besides the weights: architecture, input, labels and preprocessing.</summary>
/// <param name="Architecture">The network definition's name (e.g. <c>basic</c>).</param>
/// <param name="Spec">The resolved layer spec the network is rebuilt from.</param>
/// <param name="Input">The image shape the network expects.</param>
/// <param name="Labels">The class label values in key order (slot names of Score).</param>
/// <param name="PixelScale">Pixel scale applied first (e.g. 1/255).</param>
/// <param name="Mean">Per-channel means subtracted after scaling (empty for none).</param>
/// <param name="Std">Per-channel standard deviations divided by (empty for none).</param>
/// <param name="ImageColumnName">The image column the model reads.</param>
public sealed record ModelMetadata(string Architecture, string Spec, ImageShape Input, string[] Labels, float PixelScale,
    float[] Mean, float[] Std, string ImageColumnName);
