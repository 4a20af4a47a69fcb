using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Reports;

namespace Ml.Cnn.Estimators.Tests.Reports;

public class TrainingReportContentTests
{
    /// <summary>A scored row of a two-class model: key label (0-based in a class, as LoadFromEnumerable reads keys), softmax scores and the predicted key.</summary>
    private sealed class ScoredRow
    {
        [KeyType(2)]
        public uint Label { get; set; }

        [VectorType(2)]
        public float[] Score { get; set; } = [];

        [KeyType(2)]
        public uint PredictedLabel { get; set; }
    }

    /// <summary>ML.NET's evaluation of 10 cats (8 right) and 10 dogs (9 right).</summary>
    private static MulticlassClassificationMetrics Evaluated()
    {
        var rows = Enumerable.Range(0, 20).Select(i =>
        {
            var truth = i < 10 ? 0u : 1u;
            var right = i < 10 ? i < 8 : i < 19;
            var predicted = right ? truth : 1 - truth;
            return new ScoredRow { Label = truth, PredictedLabel = predicted, Score = predicted == 0 ? [0.8f, 0.2f] : [0.3f, 0.7f] };
        });
        var ml = new MLContext(1);
        return ml.MulticlassClassification.Evaluate(ml.Data.LoadFromEnumerable(rows), topKPredictionCount: 2);
    }

    [Fact]
    public void From_multiclass_takes_ML_NET_metrics_the_confusion_matrix_and_per_class_rows()
    {
        var metrics = Evaluated();
        KeyValuePair<string, string>[] options = [new("Epochs", "3")];
        var history = ReportData.Full();

        var content = TrainingReportContent.FromMulticlass("Pets", "summary", options, history, metrics, ["cat", "dog"]);

        Assert.Equal("Pets", content.Title);
        Assert.Equal("summary", content.ModelSummary);
        Assert.Same(options, content.Options);
        Assert.Same(history, content.History);
        Assert.Equal(["MicroAccuracy", "MacroAccuracy", "LogLoss", "LogLossReduction", "TopKAccuracy (k=2)"], content.Metrics.Select(m => m.Key));
        Assert.Equal(0.85, content.Metrics[0].Value, 12);
        Assert.Equal(1.0, content.Metrics[4].Value, 12);
        Assert.Equal(["cat", "dog"], content.ConfusionLabels);
        Assert.Equal([8L, 2L], content.ConfusionCounts![0]);
        Assert.Equal([1L, 9L], content.ConfusionCounts[1]);
        var cat = content.PerClass![0];
        Assert.Equal("cat", cat.Label);
        Assert.Equal(8.0 / 9, cat.Precision, 12);
        Assert.Equal(0.8, cat.Recall, 12);
        Assert.Equal(2 * (8.0 / 9) * 0.8 / (8.0 / 9 + 0.8), cat.F1, 12);
        Assert.Equal(2, content.PerClass.Count);
    }

    [Fact]
    public void From_multiclass_refuses_labels_that_do_not_match_the_classes()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            TrainingReportContent.FromMulticlass("Pets", "summary", [], ReportData.Full(), Evaluated(), ["cat", "dog", "bird"]));
        Assert.Contains("2 classes but 3 labels", e.Message);
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
