namespace Ml.Cnn.Estimators.Tests;

/// <summary>
/// Labels for the other tasks, derived from the Fashion-MNIST class (0 T-shirt, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat,
/// 5 Sandal, 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot): binary "footwear", multilabel {footwear, upper-body, warm},
/// regression {brightness, coverage} computed from the pixels.
/// </summary>
internal static class TaskData
{
    public static readonly string[] LabelNames = ["footwear", "upper-body", "warm"];

    public static readonly string[] TargetNames = ["brightness", "coverage"];

    private static readonly HashSet<string> Footwear = ["5", "7", "9"];
    private static readonly HashSet<string> UpperBody = ["0", "2", "4", "6"];
    private static readonly HashSet<string> Warm = ["2", "4", "9"];

    /// <summary>The tags {footwear, upper-body, warm} of a class.</summary>
    public static bool[] Tags(string label) => [Footwear.Contains(label), UpperBody.Contains(label), Warm.Contains(label)];

    /// <summary>Mean pixel value / 255 and the fraction of pixels above 127.</summary>
    public static float[] Targets(byte[] image) =>
        [(float)(image.Sum(p => (double)p) / image.Length / 255), (float)image.Count(p => p > 127) / image.Length];
}
