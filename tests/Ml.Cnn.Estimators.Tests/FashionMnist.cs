using Ml.Cnn.Legacy;
using Ml.Cnn.Tests.Shared;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Estimators.Tests;

/// <summary>Fashion-MNIST from data/fashion-mnist (fetched by scripts/test.sh), loaded once per test run.</summary>
internal static class FashionMnist
{
    private static readonly Lazy<(DataView Train, DataView Test)> Data = new(() =>
    {
        var directory = RepoPaths.FashionMnist;
        if (!Directory.Exists(directory))
            throw new InvalidOperationException($"Fashion-MNIST is missing at {directory}: run 'bash scripts/fetch-fashion-mnist.sh' (scripts/test.sh does).");
        return (IdxDataset.Load(directory, "train"), IdxDataset.Load(directory, "t10k"));
    });

    /// <summary>The first <paramref name="count"/> training images (the files are shuffled, so classes are mixed).</summary>
    public static DataView Train(int count) => Data.Value.Train.Take(count);

    /// <summary>The first <paramref name="count"/> test images.</summary>
    public static DataView Test(int count) => Data.Value.Test.Take(count);
}
