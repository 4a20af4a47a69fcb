using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Augmentation;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Core.Tests.Augmentation;

/// <summary>The typed augmentation spec: one JSON document per image column, versioned, read back into the same records and augmenters.</summary>
public class AugmentationAnnotationTests
{
    private static readonly AugmentationOptions[] Every =
    [
        new RandomAffineOptions
        {
            RotationDegrees = 12.5, WidthShift = 0.1, HeightShift = 3, Zoom = 0.2, ShearDegrees = 5, HorizontalFlip = 0.5, VerticalFlip = 0.25,
            Fill = FillMode.Reflect, FillValue = 0.3f, Interpolation = Interpolation.Nearest,
        },
        new ColorJitterOptions { Brightness = 0.2, Contrast = 0.3, Saturation = 0.4, Hue = 0.1 },
        new ChannelShiftOptions { Range = 20 },
        new RandomErasingOptions { Probability = 0.25, MinArea = 0.05, MaxArea = 0.2, MinRatio = 0.5, MaxRatio = 2, Value = 1 },
        new RandomResizedCropOptions { MinScale = 0.5, MaxScale = 0.9, MinRatio = 0.8, MaxRatio = 1.25, Interpolation = Interpolation.Nearest },
        new MixupOptions { Alpha = 0.4, Probability = 0.5 },
        new CutMixOptions { Alpha = 1.5, Probability = 0.75 },
    ];

    private static DataViewSchema.Column Column(DataViewSchema.Annotations annotations)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn("Image", new VectorDataViewType(NumberDataViewType.Single, 1, 4, 4), annotations);
        return builder.ToSchema()["Image"];
    }

    private static DataViewSchema.Annotations Text(string kind, string text)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(kind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = text.AsMemory());
        return builder.ToAnnotations();
    }

    [Fact]
    public void Every_kind_round_trips_with_its_settings_and_order()
    {
        var text = AugmentationAnnotation.Write(Every);
        Assert.StartsWith("{\"version\":1,\"augmentations\":[{\"kind\":\"RandomAffine\"", text);
        Assert.Contains("\"fill\":\"Reflect\"", text);
        Assert.Equal(Every, AugmentationAnnotation.Parse(text, "test"));
        Assert.Equal(Every.Reverse(), AugmentationAnnotation.Parse(AugmentationAnnotation.Write(Every.Reverse()), "test"));
    }

    [Fact]
    public void Annotate_sets_the_document_and_keeps_other_annotations()
    {
        var column = Column(AugmentationAnnotation.Annotate(Text("Other", "kept"), [new MixupOptions()]));
        Assert.Equal([new MixupOptions()], AugmentationAnnotation.Read(column));
        ReadOnlyMemory<char> other = default;
        column.Annotations.GetValue("Other", ref other);
        Assert.Equal("kept", other.ToString());
        var again = Column(AugmentationAnnotation.Annotate(column.Annotations, [new MixupOptions(), new CutMixOptions()]));
        Assert.Equal(2, AugmentationAnnotation.Read(again).Count);
        Assert.Equal(2, again.Annotations.Schema.Count);
    }

    [Fact]
    public void A_column_without_the_annotation_has_no_augmenters()
    {
        Assert.Empty(AugmentationAnnotation.CreateAugmenters(Column(DataViewSchema.Annotations.Empty)));
        var augmenters = AugmentationAnnotation.CreateAugmenters(Column(AugmentationAnnotation.Annotate(DataViewSchema.Annotations.Empty, Every)));
        Assert.Equal(Every.Length, augmenters.Count);
        Assert.Equal([false, false, false, false, false, true, true], augmenters.Select(a => a.MixesTargets));
    }

    [Fact]
    public void Another_version_damaged_text_and_invalid_settings_are_refused_naming_the_column()
    {
        var newer = Assert.Throws<InvalidDataException>(() => AugmentationAnnotation.Parse("{\"version\":2,\"augmentations\":[]}", "image column 'Image'"));
        Assert.Contains("image column 'Image'", newer.Message);
        Assert.Contains("version 2", newer.Message);
        var unknown = Assert.Throws<InvalidDataException>(() =>
            AugmentationAnnotation.Read(Column(Text(AugmentationAnnotation.Kind, "{\"version\":1,\"augmentations\":[{\"kind\":\"Sharpen\"}]}"))));
        Assert.Contains("image column 'Image'", unknown.Message);
        var invalid = Assert.Throws<InvalidDataException>(() =>
            AugmentationAnnotation.Parse("{\"version\":1,\"augmentations\":[{\"kind\":\"Mixup\",\"alpha\":0,\"probability\":1}]}", "image column 'Image'"));
        Assert.Contains("MixupOptions.Alpha is 0", invalid.Message);
        Assert.Throws<InvalidDataException>(() => AugmentationAnnotation.Parse("not json", "image column 'Image'"));
    }

    [Fact]
    public void Invalid_settings_are_refused_naming_the_setting_and_its_value()
    {
        var error = Assert.Throws<ArgumentException>(() => AugmentationAnnotation.Write([new RandomErasingOptions { Probability = 2 }]));
        Assert.Equal("Probability", error.ParamName);
        Assert.Contains("RandomErasingOptions.Probability is 2; it is a probability in [0, 1]", error.Message);
        Assert.Throws<ArgumentException>(() => new RandomAffineOptions { Zoom = 1.5 }.CreateAugmenter());
        Assert.Throws<ArgumentException>(() => new ColorJitterOptions { Hue = 0.7 }.Validate());
    }

    [Fact]
    public void The_keras_preset_is_an_affine_step_then_brightness_and_channel_shift()
    {
        var steps = new KerasImageDataGeneratorOptions { RotationRange = 10, HorizontalFlip = true, BrightnessRange = 0.2, ChannelShiftRange = 30 }.ToAugmentations();
        Assert.Equal(
        [
            new RandomAffineOptions { RotationDegrees = 10, HorizontalFlip = 0.5 },
            new ColorJitterOptions { Brightness = 0.2 },
            new ChannelShiftOptions { Range = 30 },
        ], steps);
        Assert.Single(new KerasImageDataGeneratorOptions().ToAugmentations());
    }
}
