using Ml.Cnn.Training;

namespace Ml.Cnn.Model;

/// <summary>What the CNN's bytes record besides the weights: task, architecture, input, output names and preprocessing.</summary>
/// <param name="Architecture">The network definition's name (e.g. <c>basic</c>).</param>
/// <param name="Spec">
/// The resolved layer spec the network is rebuilt from: written by the layers (<c>Layer</c>), read only by the native
/// layer (native/src/spec.cpp), its grammar versioned by <c>ModelFile.FormatVersion</c>.
/// </param>
/// <param name="Summary">The Keras-like summary table of the network, written at training.</param>
/// <param name="Input">The image shape the network expects.</param>
/// <param name="Labels">The output names: class labels in key order (multiclass), label names (multilabel), target names (regression); empty for binary and embedding.</param>
/// <param name="PixelScale">Pixel scale applied first (e.g. 1/255).</param>
/// <param name="Mean">Per-channel means subtracted after scaling (empty for none).</param>
/// <param name="Std">Per-channel standard deviations divided by (empty for none).</param>
/// <param name="ImageColumnName">The image column the model reads.</param>
/// <param name="Task">The task.</param>
/// <param name="Outputs">The network's outputs (classes, labels, targets or embedding values).</param>
public sealed record ModelMetadata(string Architecture, string Spec, string Summary, ImageShape Input, string[] Labels, float PixelScale,
    float[] Mean, float[] Std, string ImageColumnName, CnnTask Task, int Outputs);
