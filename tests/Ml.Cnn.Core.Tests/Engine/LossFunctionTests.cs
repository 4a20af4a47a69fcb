using Ml.Cnn.Engine;
using Ml.Cnn.Native;

namespace Ml.Cnn.Core.Tests.Engine;

public class LossFunctionTests
{
    private static readonly float[] Logits = [2.0f, -1.0f, 0.5f, 0.1f, 0.2f, 3.0f, -2.5f, 4.0f, 1.0f, 0.0f, 0.0f, 0.0f];
    private static readonly float[] Labels = [0f, 2f, 1f, 1f];

    [Fact]
    public void CrossEntropy_IsTheMeanNegativeLogSoftmaxOfTheLabel()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        using var loss = new LossFunction("ce", [], LossReduction.Mean);
        var probabilities = NetworkTests.Softmax(Logits, 3);
        var expected = -Enumerable.Range(0, 4).Average(i => Math.Log(probabilities[i * 3 + (int)Labels[i]]));
        Assert.Equal(expected, loss.Compute(logits, Labels, 1), 1e-5);
    }

    [Fact]
    public void Focal_WithGammaZeroEqualsCrossEntropy()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        using var ce = new LossFunction("ce", [1f, 2f, 0.5f], LossReduction.Mean);
        using var focal = new LossFunction("focal gamma=0", [1f, 2f, 0.5f], LossReduction.Mean);
        float[] weights = [1f, 0.5f, 2f, 1f];
        Assert.Equal(ce.Compute(logits, Labels, 1, weights), focal.Compute(logits, Labels, 1, weights), 1e-6);
    }

    [Fact]
    public void Mean_OfAllZeroWeightsIsZeroWithAZeroGradient()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        using var loss = new LossFunction("ce smoothing=0.1", [], LossReduction.Mean);
        var (value, gradient) = loss.ComputeWithGradient(logits, Labels, 1, [0f, 0f, 0f, 0f]);
        using (gradient)
        {
            Assert.Equal(0f, value);
            Assert.All(gradient.ToArray(), g => Assert.Equal(0f, g));
        }
    }

    [Fact]
    public void WeightedSum_AddsTheScaledTerms()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        using var ce = new LossFunction("ce", [], LossReduction.Mean);
        using var focal = new LossFunction("focal gamma=2", [], LossReduction.Mean);
        using var sum = new LossFunction("ce scale=0.25\nfocal gamma=2 scale=2", [], LossReduction.Mean);
        var expected = 0.25 * ce.Compute(logits, Labels, 1) + 2 * focal.Compute(logits, Labels, 1);
        Assert.Equal(expected, sum.Compute(logits, Labels, 1), 1e-5);
    }

    [Theory]
    [InlineData("ce smoothing=1", "smoothing")]
    [InlineData("focal gamma=-1", "gamma")]
    [InlineData("hinge margin=0", "margin")]
    [InlineData("hinge p=3", "'p' must be 1 or 2")]
    [InlineData("ce smothing=0.1", "unknown key 'smothing'")]
    [InlineData("cross", "unknown loss kind")]
    [InlineData("", "holds no loss")]
    public void Create_RejectsAnInvalidSpecNamingTheKey(string spec, string message)
    {
        var e = Assert.Throws<CnnNativeException>(() => new LossFunction(spec, [], LossReduction.Mean));
        Assert.Contains(message, e.NativeMessage);
    }

    [Fact]
    public void Create_RejectsNegativeClassWeightsAndUnknownReductions()
    {
        Assert.Contains("class weights", Assert.Throws<CnnNativeException>(() => new LossFunction("ce", [1f, -1f], LossReduction.Mean)).NativeMessage);
        Assert.Contains("reduction", Assert.Throws<CnnNativeException>(() => new LossFunction("ce", [], (LossReduction)7)).NativeMessage);
    }

    [Theory]
    [InlineData("ce", new[] { 0f, 3f, 1f, 1f }, 1, "target row 1 holds 3")]
    [InlineData("ce", new[] { 0f, 1.5f, 1f, 1f }, 1, "target row 1 holds 1.5")]
    [InlineData("ce", new[] { 0f, 1f, 1f, 1f, 0f, 0f, 0f, 0f }, 2, "2 column(s)")]
    [InlineData("bce", new[] { 0f, 1f, 2f, 1f, 0f, 0f, 0f, 0f, 1f, 1f, 1f, 1f }, 3, "target row 0 holds a value outside [0, 1]")]
    [InlineData("mse", new[] { 0f, 1f, 1f, 1f }, 1, "1 column(s) but one target per output needs 3")]
    public void Compute_RejectsTargetsThatDoNotFitNamingTheRow(string spec, float[] target, int columns, string message)
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        using var loss = new LossFunction(spec, [], LossReduction.Mean);
        var e = Assert.Throws<CnnNativeException>(() => loss.Compute(logits, target, columns));
        Assert.Contains(message, e.NativeMessage);
    }

    [Fact]
    public void Compute_RejectsClassWeightsOfTheWrongLength()
    {
        using var logits = Tensor.FromArray(Logits, 4, 3);
        using var loss = new LossFunction("ce", [1f, 2f], LossReduction.Mean);
        Assert.Contains("2 class weights given but one per class needs 3",
            Assert.Throws<CnnNativeException>(() => loss.Compute(logits, Labels, 1)).NativeMessage);
    }

    [Fact]
    public void Dispose_FreesTheNativeLossAndTheGradient()
    {
        var before = Torch.LiveHandles;
        using (var logits = Tensor.FromArray(Logits, 4, 3))
        using (var loss = new LossFunction("ce", [], LossReduction.Mean))
        {
            var (_, gradient) = loss.ComputeWithGradient(logits, Labels, 1);
            gradient.Dispose();
        }
        Assert.Equal(before, Torch.LiveHandles);
    }
}
