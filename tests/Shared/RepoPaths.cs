namespace Ml.Cnn.Tests.Shared;

/// <summary>Paths of the checkout the tests run from (the folder holding MlCnn.sln).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>data/fashion-mnist, filled by scripts/fetch-fashion-mnist.sh (scripts/test.sh runs it).</summary>
    public static string FashionMnist => Path.Combine(Root, "data", "fashion-mnist");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlCnn.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds MlCnn.sln.");
    }
}
