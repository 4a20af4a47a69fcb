using Ml.Cnn.Metrics;

namespace Ml.Cnn.Estimators.Tests.Metrics;

public class ConfusionMatrixTests
{
    [Fact]
    public void Table_holds_counts_recall_and_precision()
    {
        var matrix = new ConfusionMatrix(["cat", "dog"], [[8, 2], [1, 9]]);
        Assert.Equal(0.8, matrix.PerClassRecall[0], 12);
        Assert.Equal(8.0 / 9, matrix.PerClassPrecision[0], 12);
        var table = matrix.GetFormattedConfusionTable().Split('\n');
        Assert.Contains(table, l => l.StartsWith("cat") && l.Contains(" 8") && l.Contains(" 2") && l.TrimEnd().EndsWith("0.8000"));
        Assert.Contains(table, l => l.StartsWith("Precision") && l.Contains("0.8889") && l.Contains("0.8182"));
    }

    [Fact]
    public void A_class_never_predicted_has_zero_precision()
    {
        var matrix = new ConfusionMatrix(["a", "b"], [[3, 0], [2, 0]]);
        Assert.Equal(0, matrix.PerClassPrecision[1]);
        Assert.Equal(0, matrix.PerClassRecall[1]);
    }
}
