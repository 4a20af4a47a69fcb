using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ml.Cnn.Transforms.Tests.Balancing;

/// <summary>The fitted ClassWeights transformer in ML.NET: save and load, PredictionEngine, cursors, schema checks.</summary>
public class ClassWeightingTransformerTests
{
    private static readonly string[] Labels = ["a", "a", "b", "c", "a", "c"];

    private static (MLContext Ml, IDataView Data, ITransformer Model) Fit(string label = "Label", bool key = true)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of(Labels));
        var weights = ml.Transforms.ClassWeights(labelColumnName: label, outputColumnName: "Weight");
        var model = key ? ml.Transforms.Conversion.MapValueToKey("Label").Append(weights).Fit(data) : (ITransformer)weights.Fit(data);
        return (ml, data, model);
    }

    [Theory]
    [InlineData("Label", true)]
    [InlineData("Label", false)]
    [InlineData("Flag", false)]
    public void ModelSaveAndLoadInAFreshContextGiveTheSameWeights(string label, bool key)
    {
        var (ml, data, model) = Fit(label, key);
        var path = Path.Combine(Path.GetTempPath(), $"mlcnn-classweights-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var loaded = new MLContext().Model.Load(path, out var schema);

            Assert.Equal(data.Schema.Select(c => c.Name), schema.Select(c => c.Name));
            Assert.Equal(model.Transform(data).GetColumn<float>("Weight"), loaded.Transform(data).GetColumn<float>("Weight"));
            var original = model is TransformerChain<ClassWeightingTransformer> chain ? chain.LastTransformer : (ClassWeightingTransformer)model;
            var copy = loaded is TransformerChain<ITransformer> loadedChain ? loadedChain.Last() : loaded;
            var weights = Assert.IsType<ClassWeightingTransformer>(copy);
            Assert.Equal(original.Weights.OrderBy(w => w.Key), weights.Weights.OrderBy(w => w.Key));
            Assert.Equal((original.LabelColumnName, original.OutputColumnName, original.Method, original.LabelKind),
                (weights.LabelColumnName, weights.OutputColumnName, weights.Method, weights.LabelKind));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PredictionEngineEqualsTransform(bool key)
    {
        var (ml, data, model) = Fit(key: key);
        var rows = ClassWeightsRow.Of([.. Labels, "d", ""]);
        using var engine = ml.Model.CreatePredictionEngine<ClassWeightsRow, ClassWeightsPrediction>(model);

        var predicted = rows.Select(row => engine.Predict(row).Weight).ToArray();
        var transformed = model.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<float>("Weight").ToArray();

        Assert.Equal(transformed, predicted);
        Assert.Equal([2f / 3, 2f / 3, 2f, 1f, 2f / 3, 1f, 1f, 1f], predicted);
    }

    [Fact]
    public void TheTransformerMapsRowToRow()
    {
        var (_, data, model) = Fit(key: false);
        var transformer = Assert.IsType<ClassWeightingTransformer>(model);

        var mapper = transformer.GetRowToRowMapper(data.Schema);

        Assert.True(transformer.IsRowToRowMapper);
        Assert.Same(data.Schema, mapper.InputSchema);
        Assert.Equal(["Label"], mapper.GetDependencies([mapper.OutputSchema["Weight"]]).Select(c => c.Name));
        Assert.Equal(["Number"], mapper.GetDependencies([mapper.OutputSchema["Number"]]).Select(c => c.Name));
        Assert.Equal(transformer.GetOutputSchema(data.Schema).Select(c => (c.Name, c.Type)), mapper.OutputSchema.Select(c => (c.Name, c.Type)));
    }

    [Fact]
    public void ACursorOverTheWeightAloneReadsOnlyTheLabel()
    {
        var (_, data, model) = Fit(key: false);
        var recorded = new ColumnRecordingDataView(data);
        var output = model.Transform(recorded);

        using var cursor = output.GetRowCursor([output.Schema["Weight"]]);
        var weight = cursor.GetGetter<float>(output.Schema["Weight"]);
        var values = new List<float>();
        var value = 0f;
        while (cursor.MoveNext())
        {
            weight(ref value);
            values.Add(value);
        }

        Assert.Equal([2f / 3, 2f / 3, 2f, 1f, 2f / 3, 1f], values);
        Assert.Equal([["Label"]], recorded.CursorColumns);
        Assert.True(cursor.IsColumnActive(output.Schema["Weight"]));
        Assert.False(cursor.IsColumnActive(output.Schema["Features"]));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<double>(output.Schema["Weight"]));
    }

    [Fact]
    public void CursorSetsCoverEveryRowOnce()
    {
        var (_, data, model) = Fit(key: false);
        var output = model.Transform(data);

        var cursors = output.GetRowCursorSet([output.Schema["Number"], output.Schema["Weight"]], 2);
        var seen = new List<(float Number, float Weight)>();
        foreach (var cursor in cursors)
            using (cursor)
            {
                var number = cursor.GetGetter<float>(output.Schema["Number"]);
                var weight = cursor.GetGetter<float>(output.Schema["Weight"]);
                float n = 0, w = 0;
                while (cursor.MoveNext())
                {
                    number(ref n);
                    weight(ref w);
                    seen.Add((n, w));
                }
            }

        Assert.Equal([(0f, 2f / 3), (1f, 2f / 3), (2f, 2f), (3f, 1f), (4f, 2f / 3), (5f, 1f)], seen.OrderBy(s => s.Number));
    }

    [Fact]
    public void ALabelOfAnotherKindThanAtFitIsRefused()
    {
        var (ml, data, model) = Fit(key: false);
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Transform(keyed));

        Assert.Contains("label column 'Label'", error.Message);
        Assert.Contains("expected Text (as when the weights were fitted), got Key<UInt32, 0-2>", error.Message);
    }

    [Fact]
    public void AKeyLabelWithAnotherKeyCountThanAtFitIsRefused()
    {
        var (ml, _, model) = Fit();
        var other = ml.Data.LoadFromEnumerable(ClassWeightsRow.Of("a", "b"));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(other).Transform(other);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ((TransformerChain<ClassWeightingTransformer>)model).LastTransformer.Transform(keyed));

        Assert.Contains("expected a key of 3 values (as when the weights were fitted), got Key<UInt32, 0-1>", error.Message);
    }
}
