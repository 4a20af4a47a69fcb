using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>What a model file records besides the weights: task, architecture, input, output names and preprocessing.</summary>
/// <param name="Architecture">The network definition's name (e.g. <c>basic</c>).</param>
/// <param name="Spec">The resolved layer spec the network is rebuilt from.</param>
/// <param name="Input">The image shape the network expects.</param>
/// <param name="Labels">The output names: class labels in key order (multiclass), label names (multilabel), target names (regression); empty for binary and embedding.</param>
/// <param name="PixelScale">Pixel scale applied first (e.g. 1/255).</param>
/// <param name="Mean">Per-channel means subtracted after scaling (empty for none).</param>
/// <param name="Std">Per-channel standard deviations divided by (empty for none).</param>
/// <param name="ImageColumnName">The image column the model reads.</param>
/// <param name="Task">The task (format 1 files hold multiclass models).</param>
/// <param name="Outputs">The network's outputs (classes, labels, targets or embedding values).</param>
public sealed record ModelMetadata(string Architecture, string Spec, ImageShape Input, string[] Labels, float PixelScale,
    float[] Mean, float[] Std, string ImageColumnName, CnnTask Task = CnnTask.Multiclass, int Outputs = 0);
