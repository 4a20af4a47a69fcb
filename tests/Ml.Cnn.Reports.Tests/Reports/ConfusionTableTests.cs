using Ml.Cnn.Reports;

namespace Ml.Cnn.Estimators.Tests.Reports;

public class ConfusionTableTests
{
    private static readonly ConfusionTable Pets = new(["cat", "dog", "bird"], [[8, 2, 0], [1, 9, 0], [0, 0, 0]]);

    [Fact]
    public void Precision_recall_and_F1_come_from_the_counts_and_are_0_for_an_absent_class()
    {
        Assert.Equal([8.0 / 9, 9.0 / 11, 0], Pets.PerClassPrecision);
        Assert.Equal([0.8, 0.9, 0], Pets.PerClassRecall);
        Assert.Equal(2 * 0.9 * (9.0 / 11) / (0.9 + 9.0 / 11), Pets.PerClassF1[1], 12);
        Assert.Equal(0, Pets.PerClassF1[2]);
        Assert.Equal(["cat", "dog", "bird"], Pets.PerClassRows().Select(r => r.Label));
    }

    [Fact]
    public void The_text_table_has_truth_rows_with_recall_and_a_precision_row()
    {
        var lines = Pets.Format().Split(Environment.NewLine);
        Assert.Equal("Confusion table (rows: truth, columns: predicted)", lines[0]);
        Assert.Equal("Truth   |    cat    dog   bird | Recall", lines[1]);
        Assert.Equal("cat     |      8      2      0 | 0.8000", lines[3]);
        Assert.Equal("Precision | 0.8889 0.8182 0.0000", lines[^1]);
    }

    [Fact]
    public void Counts_that_are_not_square_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ConfusionTable(["a", "b"], [[1, 2], [3]]));
        Assert.Contains("2 x 2", e.Message);
    }
}
