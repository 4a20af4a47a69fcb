using System.Globalization;
using Ml.Cnn.Engine;
using Ml.Cnn.Estimators.Tests;
using Ml.Cnn.Legacy;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Estimators.Tests.Trainers;

/// <summary>Fashion-MNIST images written as PNG files with a TSV of paths and text labels, as a fresh ML.NET user has them.</summary>
public sealed class PngFolder : IDisposable
{
    private readonly TempFolder _folder = new();

    public PngFolder(int train, int test)
    {
        TrainTable = Write("train", FashionMnist.Train(train));
        TestTable = Write("test", FashionMnist.Test(test));
    }

    public string TrainTable { get; }

    public string TestTable { get; }

    public void Dispose() => _folder.Dispose();

    private string Write(string split, DataView view)
    {
        var images = view.GetColumn<ImageColumn>("Image");
        var labels = view.GetColumn<ScalarColumn<string>>("Label").Values;
        var folder = Directory.CreateDirectory(Path.Combine(_folder.Path, split)).FullName;
        var lines = new List<string> { "ImagePath\tLabel" };
        for (var i = 0; i < view.RowCount; i++)
        {
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{i:D5}.png"));
            ImageCodec.WritePng(path, images.GetImage(i), images.Shape);
            lines.Add($"{path}\t{labels[i]}");
        }
        var table = Path.Combine(_folder.Path, split + ".tsv");
        File.WriteAllLines(table, lines);
        return table;
    }
}
