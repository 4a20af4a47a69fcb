using Ml.Cnn.Legacy;
namespace Ml.Cnn.Transforms;

/// <summary>Loads an MNIST-style split (<c>PREFIX-images-idx3-ubyte</c> + <c>PREFIX-labels-idx1-ubyte</c>, raw or .gz) as a data view.</summary>
public static class IdxDataset
{
    /// <summary>Finds a split's file in a folder: the raw name or the name plus <c>.gz</c>.</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="name">The raw file name, e.g. <c>train-images-idx3-ubyte</c>.</param>
    public static string FindFile(string directory, string name)
    {
        var raw = Path.Combine(directory, name);
        if (File.Exists(raw)) return raw;
        if (File.Exists(raw + ".gz")) return raw + ".gz";
        throw new IdxFormatException(raw, $"file not found (nor {name}.gz). Run 'bash scripts/fetch-fashion-mnist.sh {directory}' for Fashion-MNIST.");
    }

    /// <summary>Loads a split as a view with an Image column (1×H×W uint8) and a Label column (the digit as text).</summary>
    /// <param name="directory">The folder holding the files.</param>
    /// <param name="split">The file prefix: <c>train</c> or <c>t10k</c>.</param>
    /// <param name="imageColumnName">Name of the image column.</param>
    /// <param name="labelColumnName">Name of the label column.</param>
    public static DataView Load(string directory, string split, string imageColumnName = DefaultColumnNames.Image,
        string labelColumnName = DefaultColumnNames.Label)
    {
        var found = IdxSplit.Read(directory, split);
        return new DataView([
            new ImageColumn(imageColumnName, found.Shape, found.Pixels),
            new ScalarColumn<string>(labelColumnName, [.. Enumerable.Range(0, found.Count).Select(found.LabelText)]),
        ]);
    }
}
