using Ml.Cnn.Legacy;
namespace Ml.Cnn.Transforms.Tests.Balancing;

public class ClassWeightsEstimatorTests
{
    private static DataView Labels(params string?[] labels) => new([new ScalarColumn<string?>("Label", labels)]);

    private static IReadOnlyDictionary<string, float> Fit(ClassWeightsOptions options, params string?[] labels) =>
        new ClassWeightsEstimator(options).Fit(Labels(labels)).Weights;

    [Fact]
    public void BalancedEqualsScikitLearn()
    {
        // sklearn.utils.class_weight.compute_class_weight("balanced", classes=["a", "b"], y=["a", "a", "a", "b"]) -> [0.6667, 2.0]
        var two = Fit(new ClassWeightsOptions(), "a", "a", "a", "b");
        // n = 10, k = 3: 10 / (3 * 5), 10 / (3 * 3), 10 / (3 * 2)
        var three = Fit(new ClassWeightsOptions(), "c", "a", "b", "a", "c", "a", "b", "a", "a", "b");

        Assert.Equal(4.0 / 6, two["a"], 6);
        Assert.Equal(2.0, two["b"], 6);
        Assert.Equal([0.666667, 1.111111, 1.666667], new[] { "a", "b", "c" }.Select(c => Math.Round(three[c], 6)));
    }

    [Fact]
    public void BalancedSqrtIsTheSquareRoot()
    {
        var weights = Fit(new ClassWeightsOptions { Method = ClassWeightingMethod.BalancedSqrt }, "a", "a", "a", "b");

        Assert.Equal(Math.Sqrt(4.0 / 6), weights["a"], 6);
        Assert.Equal(Math.Sqrt(2.0), weights["b"], 6);
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

        Assert.All(weights.Values, w => Assert.Equal(1f, w));
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

    [Fact]
    public void MissingLabelsAreNotCounted()
    {
        var weights = Fit(new ClassWeightsOptions(), "a", null, "a", "", "b");

        Assert.Equal(0.75, weights["a"], 6);
        Assert.Equal(1.5, weights["b"], 6);
        Assert.Equal(2, weights.Count);
    }

    [Fact]
    public void BoolLabelsAreKeyedFalseAndTrue()
    {
        var data = new DataView([new ScalarColumn<bool>("Label", [true, false, false, false])]);

        var weights = new ClassWeightsEstimator().Fit(data).Weights;

        Assert.Equal(2.0, weights["true"], 6);
        Assert.Equal(4.0 / 6, weights["false"], 6);
    }

    [Fact]
    public void TheOptionsAreCopiedWhenTheEstimatorIsCreated()
    {
        var options = new ClassWeightsOptions();
        var estimator = new ClassWeightsEstimator(options);
        options.Method = ClassWeightingMethod.BalancedSqrt;

        Assert.Equal(ClassWeightingMethod.Balanced, estimator.Fit(Labels("a", "b")).Method);
    }

    [Fact]
    public void ABadLabelColumnIsAnError()
    {
        var estimator = new ClassWeightsEstimator();

        Assert.Contains("no label column 'Label'", Assert.Throws<ArgumentException>(() => estimator.Fit(new DataView([new ScalarColumn<string>("Other", ["a"])]))).Message);
        Assert.Contains("needs text (or bool) labels", Assert.Throws<ArgumentException>(() => estimator.Fit(new DataView([new ScalarColumn<float>("Label", [1f])]))).Message);
        Assert.Contains("holds no labels", Assert.Throws<ArgumentException>(() => estimator.Fit(Labels(null, ""))).Message);
    }

    [Fact]
    public void TheCatalogOffersBothOverloads()
    {
        var transforms = new CnnContext(1).Transforms;
        var data = new DataView([new ScalarColumn<string>("Kind", ["a", "a", "a", "b"])]);

        var simple = transforms.ClassWeights(ClassWeightingMethod.BalancedSqrt, labelColumnName: "Kind", outputColumnName: "W").Fit(data);
        var full = transforms.ClassWeights(new ClassWeightsOptions { LabelColumnName = "Kind" }).Fit(data);
        var defaults = transforms.ClassWeights().Fit(new DataView([new ScalarColumn<string>("Label", ["a", "b"])]));

        Assert.Equal((ClassWeightingMethod.BalancedSqrt, "Kind", "W"), (simple.Method, simple.LabelColumnName, simple.OutputColumnName));
        Assert.Equal(2f, full.Weights["b"]);
        Assert.Equal((ClassWeightingMethod.Balanced, "Label", "Weight"), (defaults.Method, defaults.LabelColumnName, defaults.OutputColumnName));
    }
}
