using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Transforms.Tests.TestSupport;

/// <summary>A fact that runs only when data/fashion-mnist (from scripts/fetch-fashion-mnist.sh) holds the train split.</summary>
internal sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!File.Exists(Path.Combine(Folder, "train-images-idx3-ubyte")) && !File.Exists(Path.Combine(Folder, "train-images-idx3-ubyte.gz")))
            Skip = $"Fashion-MNIST is not in {Folder}; run 'bash scripts/fetch-fashion-mnist.sh data/fashion-mnist' to include this test.";
    }

    /// <summary>data/fashion-mnist of the checkout.</summary>
    public static string Folder => RepoPaths.FashionMnist;

}
