using System.Globalization;

namespace Ml.Cnn.Transforms;

/// <summary>
/// One MNIST-style split read into memory: <c>SPLIT-images-idx3-ubyte</c> and <c>SPLIT-labels-idx1-ubyte</c> (raw or
/// .gz, the raw file first) of a folder, checked to hold as many labels as images.
/// </summary>
/// <param name="Shape">The shape of every image (1 × height × width).</param>
/// <param name="Pixels">The images' uint8 pixels, image after image.</param>
/// <param name="Labels">One label per image.</param>
internal sealed record IdxSplit(ImageShape Shape, byte[] Pixels, byte[] Labels)
{
    private static readonly string[] LabelTexts = [.. Enumerable.Range(0, 256).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>A label as text: its value in invariant digits ("0".."255").</summary>
    /// <param name="row">The image's row.</param>
    public string LabelText(int row) => LabelTexts[Labels[row]];

    /// <summary>Reads a split.</summary>
    /// <param name="directory">The folder holding the files.</param>
    /// <param name="split">The file prefix: <c>train</c> or <c>t10k</c>.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist (the message says how to fetch Fashion-MNIST).</exception>
    /// <exception cref="IdxFormatException">A file is missing, malformed, or the counts of images and labels differ (naming both files).</exception>
    public static IdxSplit Read(string directory, string split)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(split);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Data folder '{directory}' does not exist. Run 'bash scripts/fetch-fashion-mnist.sh {directory}' for Fashion-MNIST.");
        var imagesPath = IdxReader.FindFile(directory, $"{split}-images-idx3-ubyte");
        var labelsPath = IdxReader.FindFile(directory, $"{split}-labels-idx1-ubyte");
        var (shape, pixels) = IdxReader.ReadImages(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath);
        var images = pixels.Length / shape.Size;
        if (labels.Length != images)
            throw new IdxFormatException(labelsPath, $"holds {labels.Length} labels but {imagesPath} holds {images} images; they must match.");
        return new IdxSplit(shape, pixels, labels);
    }
}
