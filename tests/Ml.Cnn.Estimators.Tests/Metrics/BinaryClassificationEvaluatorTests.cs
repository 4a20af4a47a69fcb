using Ml.Cnn.Legacy;
using Ml.Cnn.Metrics;

namespace Ml.Cnn.Estimators.Tests.Metrics;

public class BinaryClassificationEvaluatorTests
{
    private static DataView Scored(bool[] labels, float[] probabilities, bool[]? predicted = null) => new([
        new ScalarColumn<bool>("Label", labels),
        new ScalarColumn<float>("Probability", probabilities),
        new ScalarColumn<bool>("PredictedLabel", predicted ?? probabilities.Select(p => p >= 0.5f).ToArray()),
    ]);

    [Fact]
    public void Metrics_equal_a_hand_computation()
    {
        // Rows (label, probability, predicted): (T .9 T) (F .6 T) (T .4 F) (F .4 F) (F .1 F); 2 positives, 3 negatives.
        var m = BinaryClassificationEvaluator.Evaluate(Scored([true, false, true, false, false], [0.9f, 0.6f, 0.4f, 0.4f, 0.1f]));
        // AUC: positive .9 beats all 3 negatives (3); positive .4 ties .4 (1/2) and beats .1 (1): 4.5 / (2 * 3).
        Assert.Equal(0.75, m.AreaUnderRocCurve, 12);
        // AP, thresholds high to low: .9 -> R .5 P 1 (+.5); .6 -> R .5 (+0); .4 -> R 1 P 2/4 (+.5 * .5); .1 -> R 1 (+0).
        Assert.Equal(0.75, m.AreaUnderPrecisionRecallCurve, 12);
        // TP 1, FN 1, FP 1, TN 2.
        Assert.Equal(3.0 / 5, m.Accuracy, 12);
        Assert.Equal(0.5, m.PositivePrecision, 12);
        Assert.Equal(0.5, m.PositiveRecall, 12);
        Assert.Equal(0.5, m.F1Score, 12);
        Assert.Equal(2.0 / 3, m.NegativePrecision, 12);
        Assert.Equal(2.0 / 3, m.NegativeRecall, 12);
        Assert.Equal(["False", "True"], m.ConfusionMatrix.Labels);
        Assert.Equal([2, 1], m.ConfusionMatrix.Counts[0]);
        Assert.Equal([1, 1], m.ConfusionMatrix.Counts[1]);
        // LogLoss: -(ln .9 + ln .4 + ln .4 + ln .6 + ln .9) / 5 with float inputs; Entropy: -(.4 ln .4 + .6 ln .6).
        var logLoss = -new[] { 0.9f, 1 - 0.6f, 0.4f, 1 - 0.4f, 1 - 0.1f }.Sum(p => Math.Log(p)) / 5;
        Assert.Equal(0.5108256, m.LogLoss, 6);
        Assert.Equal(logLoss, m.LogLoss, 6);
        var entropy = -(0.4 * Math.Log(0.4) + 0.6 * Math.Log(0.6));
        Assert.Equal(0.6730117, m.Entropy, 6);
        Assert.Equal((entropy - logLoss) / entropy, m.LogLossReduction, 6);
    }

    [Fact]
    public void Area_under_roc_equals_the_pairwise_count_on_random_scores()
    {
        var random = new Random(7);
        var labels = Enumerable.Range(0, 200).Select(_ => random.Next(2) == 1).ToArray();
        var probabilities = Enumerable.Range(0, 200).Select(_ => random.Next(11) / 10f).ToArray();
        double wins = 0, pairs = 0;
        for (var i = 0; i < labels.Length; i++)
            for (var j = 0; j < labels.Length; j++)
                if (labels[i] && !labels[j])
                {
                    pairs++;
                    wins += probabilities[i] > probabilities[j] ? 1 : probabilities[i] == probabilities[j] ? 0.5 : 0;
                }
        Assert.Equal(wins / pairs, BinaryClassificationEvaluator.Evaluate(Scored(labels, probabilities)).AreaUnderRocCurve, 12);
    }

    [Fact]
    public void Perfect_predictions_score_one()
    {
        var m = BinaryClassificationEvaluator.Evaluate(Scored([true, false, true, false], [0.8f, 0.3f, 0.9f, 0.1f]));
        Assert.Equal(1, m.AreaUnderRocCurve, 12);
        Assert.Equal(1, m.AreaUnderPrecisionRecallCurve, 12);
        Assert.Equal(1, m.Accuracy, 12);
        Assert.Equal(1, m.F1Score, 12);
        Assert.Equal(Math.Log(2), m.Entropy, 12);
    }

    [Fact]
    public void Certain_probabilities_are_clamped_to_a_finite_log_loss()
    {
        var m = BinaryClassificationEvaluator.Evaluate(Scored([true, true], [0f, 0f]));
        Assert.Equal(-Math.Log(1e-15), m.LogLoss, 9);
    }

    [Fact]
    public void One_class_leaves_auc_undefined_and_entropy_zero()
    {
        var negatives = BinaryClassificationEvaluator.Evaluate(Scored([false, false], [0.2f, 0.7f]));
        Assert.True(double.IsNaN(negatives.AreaUnderRocCurve));
        Assert.True(double.IsNaN(negatives.AreaUnderPrecisionRecallCurve));
        Assert.Equal(0, negatives.Entropy);
        Assert.Equal(0, negatives.LogLossReduction);
        Assert.Equal(0, negatives.PositivePrecision);
        Assert.Equal(0, negatives.PositiveRecall);
        Assert.Equal(0, negatives.F1Score);
        var positives = BinaryClassificationEvaluator.Evaluate(Scored([true, true], [0.2f, 0.7f]));
        Assert.True(double.IsNaN(positives.AreaUnderRocCurve));
        Assert.Equal(1, positives.AreaUnderPrecisionRecallCurve, 12);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(1.5f)]
    [InlineData(-0.1f)]
    public void A_bad_probability_names_its_column_and_row(float bad)
    {
        var e = Assert.Throws<ArgumentException>(() => BinaryClassificationEvaluator.Evaluate(Scored([true, false, true], [0.5f, 0.5f, bad], [true, true, true])));
        Assert.Contains("'Probability', row 2", e.Message);
    }

    [Fact]
    public void Missing_empty_or_mistyped_data_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => BinaryClassificationEvaluator.Evaluate(null!));
        Assert.Contains("without rows", Assert.Throws<ArgumentException>(() => BinaryClassificationEvaluator.Evaluate(Scored([], []))).Message);
        var stringLabels = new DataView([new ScalarColumn<string>("Label", ["a"]), new ScalarColumn<float>("Probability", [0.5f]),
            new ScalarColumn<bool>("PredictedLabel", [true])]);
        Assert.Contains("'Label'", Assert.Throws<ArgumentException>(() => BinaryClassificationEvaluator.Evaluate(stringLabels)).Message);
        Assert.Contains("no column 'P'", Assert.Throws<ArgumentException>(() =>
            BinaryClassificationEvaluator.Evaluate(Scored([true], [0.5f]), probabilityColumnName: "P")).Message);
    }
}
