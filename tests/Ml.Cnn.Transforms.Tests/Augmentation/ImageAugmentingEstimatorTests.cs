using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Augmentation;
using Ml.Cnn.MlNet;
using Ml.Cnn.Transforms;

namespace Ml.Cnn.Transforms.Tests.Augmentation;

/// <summary>
/// ML.NET workout of the augmentation transforms: schema, the annotation they leave on the image column (in pipeline order),
/// the identity at Transform and in PredictionEngine, Save/Load in a fresh MLContext, and wrong columns refused by GetOutputSchema.
/// </summary>
public sealed class ImageAugmentingEstimatorTests
{
    /// <summary>A 4x4 gray image as ExtractPixels gives it, and a text label.</summary>
    public sealed class PixelRow
    {
        [VectorType(1, 4, 4)]
        public float[] Pixels { get; set; } = [];

        public string Label { get; set; } = "";
    }

    private static PixelRow[] Rows() =>
        [.. Enumerable.Range(0, 6).Select(i => new PixelRow { Pixels = [.. Enumerable.Range(0, 16).Select(p => (float)((i * 16 + p) * 7 % 256))], Label = $"c{i % 2}" })];

    private static IEstimator<ITransformer> Pipeline(MLContext ml) =>
        ml.Transforms.RandomAffine("Pixels", new RandomAffineOptions { RotationDegrees = 10, HorizontalFlip = 0.5 })
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(ml.Transforms.Mixup("Pixels", new MixupOptions { Alpha = 0.4 }))
            .Append(ml.Transforms.RandomErasing("Pixels"));

    private static readonly AugmentationOptions[] Expected =
        [new RandomAffineOptions { RotationDegrees = 10, HorizontalFlip = 0.5 }, new MixupOptions { Alpha = 0.4 }, new RandomErasingOptions()];

    [Fact]
    public void Augmentations_annotate_the_image_column_in_pipeline_order()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows());
        var output = Pipeline(ml).Fit(data).Transform(data);
        Assert.Equal(Expected, AugmentationAnnotation.Read(output.Schema["Pixels"]));
        Assert.Empty(AugmentationAnnotation.Read(output.Schema["Label"]));
        Assert.Equal((0, data.Schema["Pixels"].Type), (output.Schema["Pixels"].Index, output.Schema["Pixels"].Type));
        Assert.Equal(["Pixels", "Label", "Label"], output.Schema.Select(c => c.Name));
        Assert.True(output.Schema[1].IsHidden);
        var shape = Pipeline(ml).GetOutputSchema(SchemaShapes.Of(data.Schema));
        Assert.Contains(shape.First(c => c.Name == "Pixels").Annotations, a => a.Name == AugmentationAnnotation.Kind);
    }

    [Fact]
    public void Transform_and_PredictionEngine_pass_the_values_through_unchanged()
    {
        var ml = new MLContext(seed: 1);
        var rows = Rows();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.KerasImageDataGenerator("Pixels", new KerasImageDataGeneratorOptions { RotationRange = 30, ZoomRange = 0.3, BrightnessRange = 0.5 })
            .Append(ml.Transforms.CutMix("Pixels"))
            .Fit(data);
        var output = model.Transform(data);
        Assert.Equal(rows.Select(r => r.Pixels), output.GetColumn<float[]>("Pixels"));
        Assert.Equal(rows.Select(r => r.Label), output.GetColumn<string>("Label"));
        var engine = ml.Model.CreatePredictionEngine<PixelRow, PixelRow>(model);
        foreach (var row in rows) Assert.Equal(row.Pixels, engine.Predict(row).Pixels);
    }

    [Fact]
    public void Save_and_Load_in_a_fresh_context_keep_the_annotation()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows());
        var model = Pipeline(ml).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext().Model.Load(stream, out var schema);
        Assert.Equal(Expected, AugmentationAnnotation.Read(loaded.GetOutputSchema(schema)["Pixels"]));
        var output = loaded.Transform(data);
        Assert.Equal(Expected, AugmentationAnnotation.Read(output.Schema["Pixels"]));
        Assert.Equal(data.GetColumn<float[]>("Pixels"), output.GetColumn<float[]>("Pixels"));
        Assert.IsType<ImageAugmentingTransformer>(((IEnumerable<ITransformer>)loaded).Last());
    }

    [Fact]
    public void A_wrong_or_missing_image_column_is_refused_by_GetOutputSchema_naming_it()
    {
        var ml = new MLContext(seed: 1);
        var shape = SchemaShapes.Of(ml.Data.LoadFromEnumerable(Rows()).Schema);
        var wrong = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.RandomFlip("Label").GetOutputSchema(shape));
        Assert.Contains("image column 'Label'", wrong.Message);
        Assert.Contains("String", wrong.Message);
        Assert.Contains("LoadRawImageBytes", wrong.Message);
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.RandomFlip("Image").GetOutputSchema(shape));
        Assert.Contains("'Image' is not in the data", missing.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.RandomFlip("Label").Fit(ml.Data.LoadFromEnumerable(Rows())));
    }

    [Fact]
    public void Invalid_settings_are_refused_when_the_estimator_is_made()
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => ml.Transforms.Mixup("Pixels", new MixupOptions { Alpha = 0 }));
        Assert.Contains("MixupOptions.Alpha is 0", error.Message);
        Assert.Throws<ArgumentException>(() => ml.Transforms.RandomFlip("Pixels", horizontal: 1.5));
        Assert.Throws<ArgumentException>(() => ml.Transforms.RandomChannelShift("Pixels", 300));
        Assert.Throws<ArgumentException>(() => ml.Transforms.Augment("Pixels"));
        Assert.Throws<ArgumentException>(() => ml.Transforms.RandomResizedCrop(" "));
        Assert.Contains("Zoom", Assert.Throws<ArgumentException>(() => ml.Transforms.RandomAffine("Pixels", new RandomAffineOptions { Zoom = 1.5 })).Message);
        Assert.Contains("Hue", Assert.Throws<ArgumentException>(() => ml.Transforms.ColorJitter("Pixels", new ColorJitterOptions { Hue = 0.7 })).Message);
    }
}
