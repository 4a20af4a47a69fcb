using Microsoft.ML;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Estimators.Tests;

/// <summary>
/// Small slices of Fashion-MNIST from data/fashion-mnist (fetched by scripts/test.sh), read once per test run through
/// <c>mlContext.Data.LoadIdx</c>: the first rows of each split (the files are shuffled, so classes are mixed).
/// </summary>
internal static class FashionMnist
{
    private const int TrainRows = 4000;
    private const int TestRows = 2000;

    private static readonly Lazy<FashionRow[]> TrainSplit = new(() => Read("train", TrainRows));
    private static readonly Lazy<FashionRow[]> TestSplit = new(() => Read("t10k", TestRows));

    /// <summary>The first <paramref name="count"/> training images (at most 4,000).</summary>
    public static FashionRow[] Train(int count) => TrainSplit.Value[..count];

    /// <summary>The first <paramref name="count"/> test images (at most 2,000).</summary>
    public static FashionRow[] Test(int count) => TestSplit.Value[..count];

    /// <summary>The first <paramref name="count"/> training rows as ML.NET data (<c>Image</c> 1×28×28 bytes, <c>Label</c> text).</summary>
    public static IDataView TrainView(MLContext ml, int count) => ml.Data.LoadFromEnumerable(Train(count));

    /// <summary>The first <paramref name="count"/> test rows as ML.NET data.</summary>
    public static IDataView TestView(MLContext ml, int count) => ml.Data.LoadFromEnumerable(Test(count));

    private static FashionRow[] Read(string split, int count)
    {
        var folder = RepoPaths.FashionMnist;
        if (!Directory.Exists(folder))
            throw new InvalidOperationException($"Fashion-MNIST is missing at {folder}: run 'bash scripts/fetch-fashion-mnist.sh' (scripts/test.sh does).");
        var ml = new MLContext(seed: 0);
        return [.. ml.Data.CreateEnumerable<FashionRow>(ml.Data.TakeRows(ml.Data.LoadIdx(folder, split), count), reuseRowObject: false)];
    }
}
