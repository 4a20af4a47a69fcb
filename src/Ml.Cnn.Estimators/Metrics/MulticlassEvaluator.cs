using Ml.Cnn.Legacy;
using Ml.Cnn.Training;

namespace Ml.Cnn.Metrics;

/// <summary>Computes <see cref="MulticlassClassificationMetrics"/> from a scored view (Label + Score with slot names).</summary>
public static class MulticlassEvaluator
{
    private const double Epsilon = 1e-15;

    /// <summary>Evaluates scored data; labels are matched to Score's slot names, an unknown label names its row.</summary>
    /// <param name="data">The output of a model's Transform.</param>
    /// <param name="labelColumnName">The label column (text).</param>
    /// <param name="scoreColumnName">The Score column (probabilities with slot names).</param>
    /// <param name="topKPredictionCount">The k of TopKAccuracy. Default 5 (capped at the class count).</param>
    public static MulticlassClassificationMetrics Evaluate(DataView data, string labelColumnName = DefaultColumnNames.Label,
        string scoreColumnName = DefaultColumnNames.Score, int topKPredictionCount = 5)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (topKPredictionCount < 1) throw new ArgumentOutOfRangeException(nameof(topKPredictionCount), topKPredictionCount, "k must be at least 1.");
        if (data.RowCount == 0) throw new ArgumentException("Cannot evaluate data without rows.", nameof(data));
        var scores = data.GetColumn<VectorColumn>(scoreColumnName);
        var labels = scores.SlotNames ?? throw new ArgumentException($"Column '{scoreColumnName}' has no slot names; score the data with a trained model first.");
        var keys = new LabelKeyMap(labels).ToKeys(data.GetColumn<ScalarColumn<string>>(labelColumnName).Values);
        var classes = labels.Count;
        var k = Math.Min(topKPredictionCount, classes);
        var counts = Enumerable.Range(0, classes).Select(_ => new long[classes]).ToArray();
        var classLoss = new double[classes];
        var rowsPerClass = new long[classes];
        double loss = 0;
        long topK = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var row = scores.GetRow(i);
            var truth = (int)keys[i];
            var l = -Math.Log(Math.Max(row[truth], Epsilon));
            loss += l;
            classLoss[truth] += l;
            rowsPerClass[truth]++;
            counts[truth][Prediction.ArgMax(row)]++;
            if (Rank(row, truth) < k) topK++;
        }
        var n = keys.Length;
        var priorLoss = -rowsPerClass.Where(c => c > 0).Sum(c => c * Math.Log((double)c / n)) / n;
        var logLoss = loss / n;
        var confusion = new ConfusionMatrix(labels, counts);
        var micro = (double)Enumerable.Range(0, classes).Sum(c => counts[c][c]) / n;
        var present = Enumerable.Range(0, classes).Where(c => rowsPerClass[c] > 0).ToArray();
        var macro = present.Average(c => confusion.PerClassRecall[c]);
        var perClassLoss = Enumerable.Range(0, classes).Select(c => rowsPerClass[c] == 0 ? 0 : classLoss[c] / rowsPerClass[c]).ToArray();
        var reduction = priorLoss > 0 ? (priorLoss - logLoss) / priorLoss : 0;
        return new MulticlassClassificationMetrics(micro, macro, logLoss, reduction, k, (double)topK / n, perClassLoss, confusion);
    }

    private static int Rank(ReadOnlySpan<float> row, int truth)
    {
        var rank = 0;
        for (var c = 0; c < row.Length; c++)
            if (row[c] > row[truth] || (row[c] == row[truth] && c < truth)) rank++;
        return rank;
    }
}
