using System.Globalization;
using System.Text.Json.Serialization;

namespace Ml.Cnn;

/// <summary>
/// The settings of one training-time augmentation: the one typed definition that the catalog methods build, that
/// <see cref="Augmentation.AugmentationAnnotation"/> serializes onto the image column (and ML.NET's model zip keeps), and
/// that the trainer reads back into an <see cref="IBatchAugmenter"/>. The set of kinds is closed: each derived record is
/// written under its <c>kind</c> name.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(RandomAffineOptions), "RandomAffine")]
[JsonDerivedType(typeof(ColorJitterOptions), "ColorJitter")]
[JsonDerivedType(typeof(ChannelShiftOptions), "ChannelShift")]
[JsonDerivedType(typeof(RandomErasingOptions), "RandomErasing")]
[JsonDerivedType(typeof(RandomResizedCropOptions), "RandomResizedCrop")]
[JsonDerivedType(typeof(MixupOptions), "Mixup")]
[JsonDerivedType(typeof(CutMixOptions), "CutMix")]
public abstract record AugmentationOptions
{
    private protected AugmentationOptions()
    {
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting, its value and the valid range.</summary>
    public abstract void Validate();

    /// <summary>The augmenter these settings describe (validated first), drawing every image's parameters from the trainer's generator.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public IBatchAugmenter CreateAugmenter()
    {
        Validate();
        return Create();
    }

    /// <summary>Creates the augmenter of validated settings.</summary>
    internal abstract IBatchAugmenter Create();

    /// <summary>Throws when <paramref name="ok"/> is false: "<c>RandomErasingOptions.Probability is 2; it is a probability in [0, 1].</c>"</summary>
    /// <param name="ok">Whether the setting is valid.</param>
    /// <param name="value">Its value.</param>
    /// <param name="setting">Its name.</param>
    /// <param name="rule">What is valid.</param>
    private protected void Check(bool ok, object value, string setting, string rule)
    {
        if (!ok)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{GetType().Name}.{setting} is {value}; it {rule}."), setting);
    }
}
