using Ml.Cnn.Engine;

namespace Ml.Cnn.Core.Tests.Engine;

public class LossesTests
{
    private static readonly float[] Logits = [2.0f, -1.0f, 0.5f, 0.1f, 0.2f, 3.0f, -2.5f, 4.0f, 1.0f, 0.0f, 0.0f, 0.0f];
    private static readonly long[] Labels = [0, 2, 1, 1];
    private static readonly float[] Weights = [1.0f, 0.0f, 2.5f, 0.5f];

    [Fact]
    public void CrossEntropy_IsTheMeanNegativeLogSoftmaxOfTheLabel()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        var expected = PerExample().Average();
        Assert.Equal(expected, Losses.CrossEntropy(logits, Labels), 1e-5);
    }

    [Fact]
    public void CrossEntropy_WithWeightsIsTheWeightedMean()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        var losses = PerExample();
        var expected = losses.Zip(Weights, (l, w) => l * w).Sum() / Weights.Sum();
        var actual = Losses.CrossEntropy(logits, Labels, Weights);
        Assert.Equal(expected, actual, 1e-5);
        Assert.NotEqual(losses.Average(), actual, 1e-3);
    }

    [Fact]
    public void CrossEntropy_OfEqualWeightsIsTheMean()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        Assert.Equal(Losses.CrossEntropy(logits, Labels), Losses.CrossEntropy(logits, Labels, [3f, 3f, 3f, 3f]), 1e-6);
    }

    [Fact]
    public void CrossEntropy_OfAllZeroWeightsIsZeroNotNaN()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        Assert.Equal(0f, Losses.CrossEntropy(logits, Labels, [0f, 0f, 0f, 0f]));
    }

    [Fact]
    public void CrossEntropy_RejectsALabelCountDifferentFromTheRows()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        var e = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(logits, [0, 1, 2]));
        Assert.Contains("3 labels for 4 rows", e.Message);
    }

    [Fact]
    public void CrossEntropy_RejectsAWeightCountDifferentFromTheRows()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        Assert.Throws<ArgumentException>(() => Losses.CrossEntropy(logits, Labels, [1f, 1f]));
    }

    [Fact]
    public void CrossEntropy_LabelOutsideTheClassesThrowsFromLibtorch()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        var e = Assert.Throws<CnnNativeException>(() => Losses.CrossEntropy(logits, [0, 1, 3, 0]));
        Assert.Equal("cross-entropy", e.Operation);
    }

    private static double[] PerExample()
    {
        var losses = new double[Labels.Length];
        for (var row = 0; row < Labels.Length; row++)
        {
            var z = Logits.Skip(row * 3).Take(3).Select(v => (double)v).ToArray();
            var max = z.Max();
            var logSum = max + Math.Log(z.Sum(v => Math.Exp(v - max)));
            losses[row] = logSum - z[Labels[row]];
        }
        return losses;
    }
}
