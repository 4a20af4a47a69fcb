using System.Text;
using Microsoft.ML;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms.Tests.Images;

namespace Ml.Cnn.Transforms.Tests.Fuzz;

/// <summary>
/// Seeded mutations of CSV and TSV image tables (see <see cref="Fuzzer"/>): each must give an
/// <see cref="ArgumentException"/> naming the table, or rows whose files exist and whose paths and labels come from the text.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ImageTableFuzzTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [ImageCodecFact]
    public void Csv_and_tsv_tables()
    {
        string[] images = ["a.bmp", "b.bmp", "sub/c.bmp"];
        foreach (var (name, k) in images.Select((n, k) => (n, k))) BmpFile.WriteSolid(_temp.File(name), 2, 2, ((byte)k, 1, 2));
        var data = new MLContext(1).Data;
        Fuzzer.Run("CSV/TSV tables", (i, random) =>
        {
            var separator = random.Next(3) switch { 0 => "\t", 1 => ",", _ => ";" };
            var rows = Enumerable.Range(0, 2 + random.Next(6)).Select(r => $"{images[random.Next(3)]}{separator}{(r % 2 == 0 ? "cat" : "\"dog, big\"")}");
            var text = (random.Next(2) == 0 ? $"path{separator}label\n" : "") + string.Join("\n", rows) + "\n";
            var mutated = Fuzzer.Mutate(Encoding.UTF8.GetBytes(text), random);
            var table = _temp.File($"table{i}.csv");
            File.WriteAllBytes(table, mutated);
            try
            {
                var view = data.LoadImagesFromTable(table, new ImageLoadOptions { SkipUnreadable = random.Next(2) == 0 });
                var content = Encoding.UTF8.GetString(mutated);
                var unquoted = content.Replace("\"", "", StringComparison.Ordinal);
                var paths = TestImages.Text(view, ImageFileDataView.PathColumnName);
                var labels = TestImages.Text(view, "Label");
                for (var r = 0; r < paths.Length; r++)
                {
                    if (!File.Exists(paths[r]) || labels[r].Length == 0 || !unquoted.Contains(labels[r].Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal))
                        throw new FuzzWrongResultException($"row {r}: '{paths[r]}' / '{labels[r]}' is not what table {i} says");
                }
                return FuzzOutcome.Correct;
            }
            catch (ArgumentException e) when (e.Message.Contains(table, StringComparison.Ordinal) || e.Message.Contains("Image file", StringComparison.Ordinal))
            {
                return FuzzOutcome.Refused;
            }
            finally
            {
                File.Delete(table);
            }
        });
    }
}
