using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Reports;
using Ml.Cnn.Training;
using TaskMetrics = Ml.Cnn.Metrics.TaskMetrics;

namespace Ml.Cnn.Cli;

/// <summary>
/// A task's metrics of scored data from ML.NET's evaluators (ours for multilabel and embeddings): the scalar metrics under
/// their ML.NET names, the task's extra values (per class, per label, per output) and, for classifiers, the confusion table.
/// </summary>
internal sealed class TaskEvaluation
{
    private TaskEvaluation(CnnTask task, IReadOnlyList<KeyValuePair<string, double>> scalars, IReadOnlyList<KeyValuePair<string, object>> extras,
        ConfusionTable? confusion, MulticlassClassificationMetrics? multiclass)
    {
        Task = task;
        Scalars = scalars;
        Extras = extras;
        Confusion = confusion;
        Multiclass = multiclass;
    }

    /// <summary>The task evaluated.</summary>
    public CnnTask Task { get; }

    /// <summary>The scalar metrics, in the evaluator's order (e.g. MicroAccuracy, MacroAccuracy, LogLoss, ...).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Scalars { get; }

    /// <summary>The task's other values: per-class arrays and labels (multiclass), per-label arrays (multilabel), PerOutputRSquared (regression).</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Extras { get; }

    /// <summary>The confusion table of a classifier (multiclass: the model's classes; binary: False, True), or null.</summary>
    public ConfusionTable? Confusion { get; }

    /// <summary>ML.NET's multiclass metrics, or null for other tasks.</summary>
    public MulticlassClassificationMetrics? Multiclass { get; }

    /// <summary>Evaluates a model's scored output; the label column is <c>Label</c> (a key for multiclass, text for embeddings).</summary>
    public static TaskEvaluation Evaluate(MLContext ml, CnnTask task, IDataView scored) => task switch
    {
        CnnTask.Multiclass => OfMulticlass(ml, scored),
        CnnTask.Binary => OfBinary(ml, scored),
        CnnTask.Multilabel => OfMultilabel(ml, scored),
        CnnTask.Regression => OfRegression(ml, scored),
        _ => new TaskEvaluation(task, [.. ml.Embeddings().Evaluate(scored).RecallAtK.Select(r => Pair($"RecallAt{r.Key}", r.Value))], [], null, null),
    };

    private static TaskEvaluation OfMulticlass(MLContext ml, IDataView scored)
    {
        var labels = ClassLabels.SlotNames(scored.Schema[DefaultColumnNames.Score]);
        var m = ml.MulticlassClassification.Evaluate(scored, topKPredictionCount: Math.Min(5, labels.Length));
        var confusion = ConfusionTable.FromMlNet(m.ConfusionMatrix, labels);
        return new TaskEvaluation(CnnTask.Multiclass, Named(CnnTask.Multiclass, m),
        [
            new("TopKPredictionCount", m.TopKPredictionCount),
            new("Labels", labels),
            new("PerClassRecall", confusion.PerClassRecall),
            new("PerClassPrecision", confusion.PerClassPrecision),
            new("PerClassF1", confusion.PerClassF1),
            new("PerClassLogLoss", m.PerClassLogLoss),
        ], confusion, m);
    }

    private static TaskEvaluation OfBinary(MLContext ml, IDataView scored)
    {
        var m = ml.BinaryClassification.Evaluate(scored);
        // ML.NET's binary table lists the positive class first: [[TP, FN], [FP, TN]]; the report lists False, True.
        var c = m.ConfusionMatrix.Counts;
        long Count(int truth, int predicted) => (long)Math.Round(c[truth][predicted]);
        var confusion = new ConfusionTable(["False", "True"], [[Count(1, 1), Count(1, 0)], [Count(0, 1), Count(0, 0)]]);
        return new TaskEvaluation(CnnTask.Binary, Named(CnnTask.Binary, m), [], confusion, null);
    }

    private static TaskEvaluation OfMultilabel(MLContext ml, IDataView scored)
    {
        var m = ml.MultilabelClassification().Evaluate(scored);
        return new TaskEvaluation(CnnTask.Multilabel, Named(CnnTask.Multilabel, m),
        [
            new("Labels", m.LabelNames),
            new("PerLabelF1", m.PerLabelF1),
            new("PerLabelPrecision", m.PerLabelPrecision),
            new("PerLabelRecall", m.PerLabelRecall),
        ], null, null);
    }

    /// <summary>ML.NET's regression evaluator on each output; several outputs report the means and each output's R².</summary>
    private static TaskEvaluation OfRegression(MLContext ml, IDataView scored)
    {
        var (labels, scores, width) = ReadOutputs(scored);
        var outputs = Enumerable.Range(0, width).Select(o => ml.Regression.Evaluate(ml.Data.LoadFromEnumerable(
            Enumerable.Range(0, labels.Length / width).Select(i => new RegressionRow { Label = labels[i * width + o], Score = scores[i * width + o] })))).ToArray();
        KeyValuePair<string, double>[] scalars =
        [
            Pair("MeanAbsoluteError", outputs.Average(m => m.MeanAbsoluteError)),
            Pair("MeanSquaredError", outputs.Average(m => m.MeanSquaredError)),
            Pair("RootMeanSquaredError", outputs.Average(m => m.RootMeanSquaredError)),
            Pair("RSquared", outputs.Average(m => m.RSquared)),
        ];
        double[] perOutput = width == 1 ? [] : [.. outputs.Select(m => m.RSquared)];
        return new TaskEvaluation(CnnTask.Regression, scalars, [new("PerOutputRSquared", perOutput)], null, null);
    }

    private static (float[] Labels, float[] Scores, int Width) ReadOutputs(IDataView scored)
    {
        var label = scored.Schema[DefaultColumnNames.Label];
        var score = scored.Schema[DefaultColumnNames.Score];
        var width = score.Type is VectorDataViewType vector ? vector.Size : 1;
        var (labels, scores) = (new List<float>(), new List<float>());
        using var cursor = scored.GetRowCursor([label, score]);
        var readLabel = Reader(cursor, label);
        var readScore = Reader(cursor, score);
        while (cursor.MoveNext())
        {
            readLabel(labels);
            readScore(scores);
        }
        return ([.. labels], [.. scores], width);
    }

    private static Action<List<float>> Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> values = default;
            return list =>
            {
                getter(ref values);
                list.AddRange(values.DenseValues());
            };
        }
        var scalar = cursor.GetGetter<float>(column);
        return list =>
        {
            float value = 0;
            scalar(ref value);
            list.Add(value);
        };
    }

    /// <summary>The metrics object's properties named in <see cref="TaskMetrics.Names"/>, in that order.</summary>
    private static KeyValuePair<string, double>[] Named(CnnTask task, object metrics) =>
        [.. TaskMetrics.Names(task).Select(name => Pair(name, Convert.ToDouble(metrics.GetType().GetProperty(name)!.GetValue(metrics), CultureInfo.InvariantCulture)))];

    private static KeyValuePair<string, double> Pair(string name, double value) => new(name, value);

    /// <summary>One output of a regression model: what ML.NET's regression evaluator reads.</summary>
    private sealed class RegressionRow
    {
        public float Label { get; set; }

        public float Score { get; set; }
    }
}
