using Ml.Cnn.Legacy;

namespace Ml.Cnn.Transforms.Tests.Augmentation;

/// <summary>The legacy augmentation catalog (Ml.Cnn.Legacy) on top of the augmenters in Core.</summary>
public class LegacyAugmentationTests
{
    [Fact]
    public void Transformers_attach_augmenters_and_leave_columns_alone()
    {
        var context = new CnnContext(1);
        var data = context.Data.LoadFromArrays(new ImageShape(1, 5, 5), new byte[2 * 25], ["a", "b"]);
        var chain = context.Transforms.KerasImageDataGenerator(rotationRange: 10, horizontalFlip: true, brightnessRange: 0.2);
        var augmented = chain.Fit(data).Transform(data);
        Assert.Equal(2, augmented.Augmenters.Count);
        Assert.Equal(data.Columns, augmented.Columns);
        Assert.Throws<ArgumentException>(() => context.Transforms.RandomAffine(new RandomAffineOptions { Zoom = 1.5 }));
        Assert.Throws<ArgumentException>(() => context.Transforms.Mixup(alpha: 0));
        Assert.Throws<ArgumentException>(() => context.Transforms.ColorJitter(hue: 0.7));
    }
}
