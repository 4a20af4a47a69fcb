using Microsoft.ML;

namespace Ml.Cnn.Transforms.Tests.Balancing;

/// <summary>The weighting formulas, through <c>ml.Transforms.ClassWeights</c> on text labels.</summary>
public class ClassWeightFormulaTests
{
    private static IReadOnlyDictionary<string, float> Fit(ClassWeightsOptions options, params string[] labels)
    {
        var ml = new MLContext(seed: 1);
        return ml.Transforms.ClassWeights(options).Fit(ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(labels))).Weights;
    }

    [Fact]
    public void BalancedEqualsScikitLearnForThreeClasses()
    {
        // sklearn.utils.class_weight.compute_class_weight("balanced", ...): n = 10, k = 3 -> 10 / (3 * 5), 10 / (3 * 3), 10 / (3 * 2)
        var weights = Fit(new ClassWeightsOptions(), "c", "a", "b", "a", "c", "a", "b", "a", "a", "b");

        Assert.Equal([0.666667, 1.111111, 1.666667], new[] { "a", "b", "c" }.Select(c => Math.Round(weights[c], 6)));
    }

    [Fact]
    public void EffectiveNumberFollowsCuiEtAlAndSumsToTheClassCount()
    {
        var weights = Fit(new ClassWeightsOptions { Method = ClassWeightingMethod.EffectiveNumber, Beta = 0.9 }, "a", "a", "a", "b");

        // (1 - 0.9) / (1 - 0.9^3) = 0.369004 and (1 - 0.9) / (1 - 0.9) = 1, scaled by 2 / 1.369004.
        Assert.Equal(0.539084, weights["a"], 5);
        Assert.Equal(1.460916, weights["b"], 5);
        Assert.Equal(2.0, weights.Values.Sum(), 5);
    }

    [Fact]
    public void EffectiveNumberWithBetaZeroGivesEqualWeights()
    {
        var weights = Fit(new ClassWeightsOptions { Method = ClassWeightingMethod.EffectiveNumber, Beta = 0 }, "a", "a", "a", "b", "c");

        Assert.Equal(3, weights.Count);
        Assert.All(weights.Values, w => Assert.Equal(1f, w));
    }

    [Fact]
    public void MissingLabelsAreNotCounted()
    {
        var weights = Fit(new ClassWeightsOptions(), "a", "", "a", "", "b");

        // n = 3 labelled rows, k = 2: 3 / (2 * 2) and 3 / (2 * 1).
        Assert.Equal(0.75, weights["a"], 6);
        Assert.Equal(1.5, weights["b"], 6);
        Assert.Equal(2, weights.Count);
    }

    [Fact]
    public void GivenUsesTheDictionaryAndWeighsOtherClassesOne()
    {
        var options = new ClassWeightsOptions
        {
            Method = ClassWeightingMethod.Given, Given = new Dictionary<string, float> { ["a"] = 2.5f, ["unseen"] = 4f },
        };

        var weights = Fit(options, "a", "b", "b");

        Assert.Equal(new Dictionary<string, float> { ["a"] = 2.5f, ["b"] = 1f, ["unseen"] = 4f }, weights);
    }
}
