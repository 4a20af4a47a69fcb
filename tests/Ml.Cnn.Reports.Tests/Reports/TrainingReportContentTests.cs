using Ml.Cnn.Legacy;
using Ml.Cnn.Metrics;
using Ml.Cnn.Reports;

namespace Ml.Cnn.Estimators.Tests.Reports;

public class TrainingReportContentTests
{
    [Fact]
    public void From_multiclass_takes_the_metrics_confusion_matrix_and_per_class_rows()
    {
        var confusion = new ConfusionMatrix(["cat", "dog"], [[8, 2], [1, 9]]);
        var metrics = new MulticlassClassificationMetrics(0.85, 0.85, 0.4, 0.42, 2, 1.0, [0.3, 0.5], confusion);
        KeyValuePair<string, string>[] options = [new("Epochs", "3")];
        var history = ReportData.Full();

        var content = TrainingReportContent.FromMulticlass("Pets", "summary", options, history, metrics);

        Assert.Equal("Pets", content.Title);
        Assert.Equal("summary", content.ModelSummary);
        Assert.Same(options, content.Options);
        Assert.Same(history, content.History);
        Assert.Equal(["MicroAccuracy", "MacroAccuracy", "LogLoss", "LogLossReduction", "TopKAccuracy (k=2)"], content.Metrics.Select(m => m.Key));
        Assert.Equal([0.85, 0.85, 0.4, 0.42, 1.0], content.Metrics.Select(m => m.Value));
        Assert.Equal(["cat", "dog"], content.ConfusionLabels);
        Assert.Equal([1L, 9L], content.ConfusionCounts![1]);
        var cat = content.PerClass![0];
        Assert.Equal("cat", cat.Label);
        Assert.Equal(8.0 / 9, cat.Precision, 12);
        Assert.Equal(0.8, cat.Recall, 12);
        Assert.Equal(2 * (8.0 / 9) * 0.8 / (8.0 / 9 + 0.8), cat.F1, 12);
        Assert.Equal(2, content.PerClass.Count);
    }

    [Fact]
    public void Optional_parts_default_to_null()
    {
        var content = new TrainingReportContent("t", "s", [], ReportData.LossOnly(), []);
        Assert.Null(content.ConfusionLabels);
        Assert.Null(content.ConfusionCounts);
        Assert.Null(content.PerClass);
    }
}
