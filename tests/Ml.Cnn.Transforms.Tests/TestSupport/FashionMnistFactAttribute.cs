namespace Ml.Cnn.Transforms.Tests.TestSupport;

/// <summary>A fact that runs only when data/fashion-mnist (from scripts/fetch-fashion-mnist.sh) holds the train split.</summary>
internal sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!File.Exists(Path.Combine(Folder, "train-images-idx3-ubyte")) && !File.Exists(Path.Combine(Folder, "train-images-idx3-ubyte.gz")))
            Skip = $"Fashion-MNIST is not in {Folder}; run 'bash scripts/fetch-fashion-mnist.sh data/fashion-mnist' to include this test.";
    }

    /// <summary>data/fashion-mnist of the checkout (the folder holding MlCnn.sln).</summary>
    public static string Folder { get; } = Path.Combine(RepoRoot(), "data", "fashion-mnist");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlCnn.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds MlCnn.sln.");
    }
}
