using Microsoft.ML;

namespace Ml.Cnn.Transforms.Tests.Balancing;

public class ClassWeightsOptionsTests
{
    [Fact]
    public void DefaultsAreAsDocumented()
    {
        var options = new ClassWeightsOptions();

        options.Validate();
        Assert.Equal(("Label", "Weight", ClassWeightingMethod.Balanced, 0.999, null),
            (options.LabelColumnName, options.OutputColumnName, options.Method, options.Beta, options.Given));
    }

    public static TheoryData<string, ClassWeightsOptions> Invalid => new()
    {
        { "Beta", new ClassWeightsOptions { Method = ClassWeightingMethod.EffectiveNumber, Beta = 1 } },
        { "Beta", new ClassWeightsOptions { Beta = -0.1 } },
        { "Beta", new ClassWeightsOptions { Beta = double.NaN } },
        { "Given", new ClassWeightsOptions { Method = ClassWeightingMethod.Given } },
        { "Given", new ClassWeightsOptions { Given = new Dictionary<string, float> { ["a"] = 2 } } },
        { "Given", new ClassWeightsOptions { Method = ClassWeightingMethod.Given, Given = new Dictionary<string, float> { ["a"] = -1 } } },
        { "Given", new ClassWeightsOptions { Method = ClassWeightingMethod.Given, Given = new Dictionary<string, float> { ["a"] = float.NaN } } },
        { "Method", new ClassWeightsOptions { Method = (ClassWeightingMethod)7 } },
        { "LabelColumnName", new ClassWeightsOptions { LabelColumnName = "" } },
        { "OutputColumnName", new ClassWeightsOptions { OutputColumnName = "Label" } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidOptionsAreRefusedNamingTheOption(string option, ClassWeightsOptions options)
    {
        var e = Assert.Throws<ArgumentException>(() => new MLContext(1).Transforms.ClassWeights(options));

        Assert.Equal(option, e.ParamName);
        Assert.StartsWith($"ClassWeightsOptions.{option} ", e.Message);
    }

    [Fact]
    public void TheOptionsAreCopiedWhenTheEstimatorIsMade()
    {
        var ml = new MLContext(1);
        var options = new ClassWeightsOptions();
        var estimator = ml.Transforms.ClassWeights(options);
        options.Method = ClassWeightingMethod.BalancedSqrt;

        var transformer = estimator.Fit(ml.Data.LoadFromEnumerable(ClassWeightsRow.Of("a", "b")));

        Assert.Equal(ClassWeightingMethod.Balanced, transformer.Method);
    }
}
