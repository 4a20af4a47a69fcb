using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.MlNet;

namespace Ml.Cnn.Transforms.Tests.Balancing;

/// <summary>The ML.NET workout of <c>mlContext.Transforms.ClassWeights</c>: schema, Fit, Transform, Preview, wrong schemas, SDCA.</summary>
public class ClassWeightingEstimatorTests
{
    private static readonly string[] Labels = ["a", "a", "b", "c", "a", "c"];

    private static readonly Dictionary<string, float> ExpectedTextOrKey = new()
    {
        // n = 6, k = 3, counts a 3, b 1, c 2; effective number with beta 0.9; given a 2.5 and c 0.5.
        ["a Balanced"] = 2f / 3, ["b Balanced"] = 2f, ["c Balanced"] = 1f,
        ["a BalancedSqrt"] = 0.816497f, ["b BalancedSqrt"] = 1.414214f, ["c BalancedSqrt"] = 1f,
        ["a EffectiveNumber"] = 0.584076f, ["b EffectiveNumber"] = 1.582847f, ["c EffectiveNumber"] = 0.833077f,
        ["a Given"] = 2.5f, ["b Given"] = 1f, ["c Given"] = 0.5f,
    };

    private static readonly Dictionary<string, float> ExpectedBoolean = new()
    {
        // n = 6, k = 2, counts false 5, true 1; given true 4.
        ["false Balanced"] = 0.6f, ["true Balanced"] = 3f,
        ["false BalancedSqrt"] = 0.774597f, ["true BalancedSqrt"] = 1.732051f,
        ["false EffectiveNumber"] = 0.392534f, ["true EffectiveNumber"] = 1.607466f,
        ["false Given"] = 1f, ["true Given"] = 4f,
    };

    public static TheoryData<ClassLabelKind, ClassWeightingMethod> KindsAndMethods()
    {
        var data = new TheoryData<ClassLabelKind, ClassWeightingMethod>();
        foreach (var kind in Enum.GetValues<ClassLabelKind>())
            foreach (var method in Enum.GetValues<ClassWeightingMethod>())
                data.Add(kind, method);
        return data;
    }

    private static ClassWeightsOptions Options(ClassLabelKind kind, ClassWeightingMethod method) => new()
    {
        LabelColumnName = kind == ClassLabelKind.Boolean ? "Flag" : "Label",
        Method = method,
        Beta = 0.9,
        Given = method != ClassWeightingMethod.Given ? null
            : kind == ClassLabelKind.Boolean ? new Dictionary<string, float> { ["true"] = 4f }
            : new Dictionary<string, float> { ["a"] = 2.5f, ["c"] = 0.5f },
    };

    /// <summary>The rows as ML.NET data, with Label mapped to a key for key labels.</summary>
    private static IDataView Data(MLContext ml, ClassLabelKind kind, string[] labels)
    {
        var data = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(labels));
        return kind == ClassLabelKind.Key ? ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data) : data;
    }

    [Theory]
    [MemberData(nameof(KindsAndMethods))]
    public void TransformWeighsEachRowByItsClassAsTheFormulaSays(ClassLabelKind kind, ClassWeightingMethod method)
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, kind, Labels);

        var transformer = ml.Transforms.ClassWeights(Options(kind, method)).Fit(data);
        var weights = transformer.Transform(data).GetColumn<float>("Weight").ToArray();

        var expected = kind == ClassLabelKind.Boolean
            ? Labels.Select(l => ExpectedBoolean[$"{(l == "b" ? "true" : "false")} {method}"])
            : Labels.Select(l => ExpectedTextOrKey[$"{l} {method}"]);
        Assert.Equal(expected, weights, (x, y) => Math.Abs(x - y) < 1e-5);
        Assert.Equal(kind, transformer.LabelKind);
        Assert.Equal(method, transformer.Method);
    }

    [Fact]
    public void BalancedIsTheDefaultAndEqualsScikitLearn()
    {
        // sklearn.utils.class_weight.compute_class_weight("balanced", classes=["a", "b"], y=["a", "a", "a", "b"]) -> [0.6667, 2.0]
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of("a", "a", "a", "b"));

        var transformer = ml.Transforms.ClassWeights().Fit(data);

        Assert.Equal(ClassWeightingMethod.Balanced, transformer.Method);
        Assert.Equal(4.0 / 6, transformer.Weights["a"], 6);
        Assert.Equal(2.0, transformer.Weights["b"], 6);
        Assert.Equal([4f / 6, 4f / 6, 4f / 6, 2f], transformer.Transform(data).GetColumn<float>("Weight"));
    }

    [Fact]
    public void FitReadsOnlyTheLabelColumn()
    {
        var ml = new MLContext(seed: 1);
        var data = new ColumnRecordingDataView(ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(Labels)));

        var transformer = ml.Transforms.ClassWeights().Fit(data);

        Assert.Equal(2f, transformer.Weights["b"]);
        Assert.Equal([["Label"]], data.CursorColumns);
    }

    [Fact]
    public void KeyClassesAreNamedByTheirKeyValuesAndMissingOrUnseenLabelsWeighOne()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(Labels));
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(train);
        var weights = ml.Transforms.ClassWeights().Fit(keys.Transform(train));
        var textWeights = ml.Transforms.ClassWeights().Fit(train);
        var other = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of("b", "d", ""));

        Assert.Equal(["a", "b", "c"], weights.Weights.Keys.Order());
        Assert.Equal([2f, 1f, 1f], weights.Transform(keys.Transform(other)).GetColumn<float>("Weight"));
        Assert.Equal([2f, 1f, 1f], textWeights.Transform(other).GetColumn<float>("Weight"));
    }

    [Fact]
    public void GetOutputSchemaAddsASingleColumnForEveryLabelKind()
    {
        var ml = new MLContext(seed: 1);
        var input = SchemaShapes.Of(ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(Labels)).Schema);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").GetOutputSchema(input);

        foreach (var (shape, label) in new[] { (input, "Label"), (keyed, "Label"), (input, "Flag") })
        {
            var output = ml.Transforms.ClassWeights(labelColumnName: label, outputColumnName: "Weight").GetOutputSchema(shape);

            var weight = output.Single(c => c.Name == "Weight");
            Assert.Equal(SchemaShape.Column.VectorKind.Scalar, weight.Kind);
            Assert.Equal(NumberDataViewType.Single, weight.ItemType);
            Assert.False(weight.IsKey);
            Assert.Equal(shape.Count + 1, output.Count);
        }
    }

    [Fact]
    public void AColumnOfTheOutputNameIsReplacedAndHidden()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(Labels));
        var estimator = ml.Transforms.ClassWeights(outputColumnName: "Number");

        var shape = estimator.GetOutputSchema(SchemaShapes.Of(data.Schema));
        var output = estimator.Fit(data).Transform(data);

        Assert.Equal(NumberDataViewType.Single, shape.Single(c => c.Name == "Number").ItemType);
        Assert.Equal(data.Schema.Count + 1, output.Schema.Count);
        Assert.True(output.Schema[data.Schema["Number"].Index].IsHidden);
        Assert.Equal(output.Schema.Count - 1, output.Schema["Number"].Index);
        Assert.Equal([2f / 3, 2f / 3, 2f, 1f, 2f / 3, 1f], output.GetColumn<float>("Number"));
    }

    [Fact]
    public void TransformPassesTheInputColumnsThrough()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(Labels));

        var output = ml.Transforms.ClassWeights().Fit(data).Transform(data);

        Assert.Equal(data.Schema.Select(c => c.Name).Append("Weight"), output.Schema.Select(c => c.Name));
        Assert.Equal(data.GetColumn<string>("Label"), output.GetColumn<string>("Label"));
        Assert.Equal(data.GetColumn<float[]>("Features").SelectMany(f => f), output.GetColumn<float[]>("Features").SelectMany(f => f));
        Assert.Equal(data.GetRowCount(), output.GetRowCount());
    }

    [Fact]
    public void PreviewShowsTheWeights()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(Labels));

        var preview = ml.Transforms.ClassWeights().Preview(data);

        Assert.Equal(Labels.Length, preview.RowView.Length);
        Assert.Equal(2f, preview.ColumnView.Single(c => c.Column.Name == "Weight").Values[2]);
    }

    [Theory]
    [InlineData("Number", "Single")]
    [InlineData("Features", "Vector<Single")]
    public void ALabelOfAnotherTypeIsRefusedNamingTheColumnItsTypeAndTheAcceptedKinds(string column, string type)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(Labels));
        var estimator = ml.Transforms.ClassWeights(labelColumnName: column);

        var fromShape = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)));
        var fromFit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));

        foreach (var error in new[] { fromShape, fromFit })
        {
            Assert.Contains($"label column '{column}'", error.Message);
            Assert.Contains($"got {type}", error.Message);
            Assert.Contains("a key, Text or Boolean", error.Message);
            Assert.Contains("MapValueToKey", error.Message);
        }
    }

    [Fact]
    public void AMissingLabelColumnIsNamedWithTheColumnsThereAre()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(Labels));
        var estimator = ml.Transforms.ClassWeights(labelColumnName: "Class");

        var fromShape = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapes.Of(data.Schema)));
        var fromFit = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));

        foreach (var error in new[] { fromShape, fromFit })
        {
            Assert.Contains("Could not find label column 'Class'", error.Message);
            Assert.Contains("'Label', 'Flag', 'Number', 'Features'", error.Message);
        }
    }

    [Fact]
    public void DataWithoutALabelIsRefused()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of("", ""));

        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.ClassWeights().Fit(data));

        Assert.Contains("label column 'Label' holds no label (2 rows, all missing)", error.Message);
    }

    [Theory]
    [InlineData("Label", "d")]
    [InlineData("Flag", "yes")]
    public void GivenWeightsMustNameClassesAKeyOrBooleanLabelCanHold(string column, string given)
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, ClassLabelKind.Key, Labels);
        var estimator = ml.Transforms.ClassWeights(new ClassWeightsOptions
        {
            LabelColumnName = column, Method = ClassWeightingMethod.Given, Given = new Dictionary<string, float> { [given] = 2f },
        });

        var error = Assert.Throws<ArgumentException>(() => estimator.Fit(data));

        Assert.Contains($"names the class '{given}'", error.Message);
        Assert.Contains(column == "Flag" ? "'false', 'true'" : "'a', 'b', 'c'", error.Message);
    }

    [Fact]
    public void GivenWeightsOfTextClassesNotSeenAtFitAreKept()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of("a", "b"));
        var options = new ClassWeightsOptions { Method = ClassWeightingMethod.Given, Given = new Dictionary<string, float> { ["z"] = 3f } };

        var transformer = ml.Transforms.ClassWeights(options).Fit(data);

        Assert.Equal([3f], transformer.Transform(ml.Data.LoadFromEnumerable(ClassWeightsRow.Of("z"))).GetColumn<float>("Weight"));
    }

    [Fact]
    public void InvalidOptionsAreRefusedWhenTheEstimatorIsMade()
    {
        var ml = new MLContext(seed: 1);

        var same = Assert.Throws<ArgumentException>(() => ml.Transforms.ClassWeights(labelColumnName: "Label", outputColumnName: "Label"));
        var given = Assert.Throws<ArgumentException>(() => ml.Transforms.ClassWeights(method: ClassWeightingMethod.Given));

        Assert.Contains("ClassWeightsOptions.OutputColumnName must differ from LabelColumnName", same.Message);
        Assert.Contains("ClassWeightsOptions.Given must hold the weights when Method = Given", given.Message);
    }

    [Fact]
    public void SdcaMaximumEntropyTrainsWithTheWeightColumn()
    {
        var ml = new MLContext(seed: 1);
        var labels = Enumerable.Range(0, 60).Select(i => i % 10 == 0 ? "b" : i % 3 == 0 ? "c" : "a").ToArray();
        var data = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(labels));
        IEstimator<ITransformer> Sdca(string? weight) => ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.ClassWeights(labelColumnName: "Label", outputColumnName: "Weight"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(labelColumnName: "Label", featureColumnName: "Features",
                exampleWeightColumnName: weight, maximumNumberOfIterations: 20));

        var weighted = Sdca("Weight").Fit(data).Transform(data);
        var unweighted = Sdca(null).Fit(data).Transform(data);
        var metrics = ml.MulticlassClassification.Evaluate(weighted);

        Assert.True(metrics.MicroAccuracy > 0.9, $"micro-accuracy {metrics.MicroAccuracy}");
        Assert.NotEqual(unweighted.GetColumn<float[]>("Score").SelectMany(s => s), weighted.GetColumn<float[]>("Score").SelectMany(s => s));
    }
}
