using Ml.Cnn.Legacy;
namespace Ml.Cnn.Estimators.Tests;

/// <summary>
/// Fashion-MNIST views for the other tasks, derived from the class (0 T-shirt, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat,
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

    public static DataView Binary(DataView view) =>
        view.WithColumn(new ScalarColumn<bool>("Label", Classes(view).Select(Footwear.Contains).ToArray()));

    public static DataView Multilabel(DataView view)
    {
        var values = Classes(view).SelectMany(c => new[] { Footwear, UpperBody, Warm }.Select(set => set.Contains(c) ? 1f : 0f)).ToArray();
        return view.WithColumn(new VectorColumn("Label", 3, values, LabelNames));
    }

    /// <summary>Mean pixel value / 255 and the fraction of pixels above 127, per image.</summary>
    public static DataView Regression(DataView view)
    {
        var images = view.GetColumn<ImageColumn>("Image");
        var values = new float[images.RowCount * 2];
        for (var i = 0; i < images.RowCount; i++)
        {
            var pixels = images.GetImage(i);
            double sum = 0;
            var bright = 0;
            foreach (var p in pixels)
            {
                sum += p;
                if (p > 127) bright++;
            }
            values[2 * i] = (float)(sum / pixels.Length / 255);
            values[2 * i + 1] = (float)bright / pixels.Length;
        }
        return view.WithColumn(new VectorColumn("Label", 2, values, TargetNames));
    }

    private static IReadOnlyList<string> Classes(DataView view) => view.GetColumn<ScalarColumn<string>>("Label").Values;
}
