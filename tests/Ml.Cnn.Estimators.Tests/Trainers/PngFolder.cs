using System.Globalization;
using Ml.Cnn.Engine;
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

    private string Write(string split, FashionRow[] rows)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.Path, split)).FullName;
        var lines = new List<string> { "ImagePath\tLabel" };
        for (var i = 0; i < rows.Length; i++)
        {
            var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{i:D5}.png"));
            ImageCodec.WritePng(path, rows[i].Image, new ImageShape(1, 28, 28));
            lines.Add($"{path}\t{rows[i].Label}");
        }
        var table = Path.Combine(_folder.Path, split + ".tsv");
        File.WriteAllLines(table, lines);
        return table;
    }
}
