using Ml.Cnn.Legacy;
namespace Ml.Cnn.Metrics;

/// <summary>Computes <see cref="BinaryClassificationMetrics"/> from a scored view (Label, Probability, PredictedLabel).</summary>
public static class BinaryClassificationEvaluator
{
    private const double Epsilon = 1e-15;

    /// <summary>Evaluates scored data; a probability that is NaN or outside [0, 1] names its column and row.</summary>
    /// <param name="data">The output of a binary model's Transform.</param>
    /// <param name="labelColumnName">The label column (bool; true = positive).</param>
    /// <param name="probabilityColumnName">The probability of the positive class (float in [0, 1]).</param>
    /// <param name="predictedLabelColumnName">The predicted label column (bool).</param>
    public static BinaryClassificationMetrics Evaluate(DataView data, string labelColumnName = DefaultColumnNames.Label,
        string probabilityColumnName = DefaultColumnNames.Probability, string predictedLabelColumnName = DefaultColumnNames.PredictedLabel)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.RowCount == 0) throw new ArgumentException("Cannot evaluate data without rows.", nameof(data));
        var labels = data.GetColumn<ScalarColumn<bool>>(labelColumnName).Values;
        var probabilities = data.GetColumn<ScalarColumn<float>>(probabilityColumnName).Values;
        var predicted = data.GetColumn<ScalarColumn<bool>>(predictedLabelColumnName).Values;
        var counts = new[] { new long[2], new long[2] };
        double loss = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var p = probabilities[i];
            if (!(p >= 0 && p <= 1))
                throw new ArgumentException(FormattableString.Invariant(
                    $"Column '{probabilityColumnName}', row {i}: probability {p} is not in [0, 1]; pass calibrated probabilities."), nameof(data));
            counts[labels[i] ? 1 : 0][predicted[i] ? 1 : 0]++;
            var q = Math.Clamp(p, Epsilon, 1 - Epsilon);
            loss -= labels[i] ? Math.Log(q) : Math.Log(1 - q);
        }
        var n = labels.Count;
        long positives = counts[1][0] + counts[1][1];
        var rate = (double)positives / n;
        var entropy = -(XLogX(rate) + XLogX(1 - rate));
        var groups = ScoreGroups(labels, probabilities);
        var confusion = new ConfusionMatrix(["False", "True"], counts);
        return new BinaryClassificationMetrics(AreaUnderRoc(groups, positives, n - positives),
            AveragePrecision(groups, positives), loss / n, entropy, confusion);
    }

    private static double XLogX(double x) => x > 0 ? x * Math.Log(x) : 0;

    /// <summary>(positives, negatives) per distinct probability, lowest probability first.</summary>
    private static List<(long Positives, long Negatives)> ScoreGroups(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities)
    {
        var keys = probabilities.ToArray();
        var positive = labels.ToArray();
        Array.Sort(keys, positive);
        var groups = new List<(long, long)>();
        var start = 0;
        while (start < keys.Length)
        {
            long pos = 0, neg = 0;
            var end = start;
            while (end < keys.Length && keys[end] == keys[start])
            {
                if (positive[end]) pos++;
                else neg++;
                end++;
            }
            groups.Add((pos, neg));
            start = end;
        }
        return groups;
    }

    private static double AreaUnderRoc(List<(long Positives, long Negatives)> groups, long positives, long negatives)
    {
        if (positives == 0 || negatives == 0) return double.NaN;
        double wins = 0;
        long negativesBelow = 0;
        foreach (var (pos, neg) in groups)
        {
            wins += pos * (negativesBelow + neg / 2.0);
            negativesBelow += neg;
        }
        return wins / ((double)positives * negatives);
    }

    private static double AveragePrecision(List<(long Positives, long Negatives)> groups, long positives)
    {
        if (positives == 0) return double.NaN;
        long truePositives = 0, falsePositives = 0;
        double sum = 0, previousRecall = 0;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            truePositives += groups[g].Positives;
            falsePositives += groups[g].Negatives;
            var recall = (double)truePositives / positives;
            sum += (recall - previousRecall) * truePositives / (truePositives + falsePositives);
            previousRecall = recall;
        }
        return sum;
    }
}
