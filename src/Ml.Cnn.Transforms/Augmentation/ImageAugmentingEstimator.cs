using Microsoft.ML;
using Ml.Cnn.Augmentation;
using Ml.Cnn.Features;
using Ml.Cnn.MlNet;

namespace Ml.Cnn.Transforms;

/// <summary>
/// ML.NET estimator behind the augmentation methods of <c>mlContext.Transforms</c> (<c>RandomAffine</c>, <c>Mixup</c>, ...):
/// nothing is learned at Fit; its <see cref="ImageAugmentingTransformer"/> passes the data through unchanged and records the
/// augmentations on the image column (<see cref="AugmentationAnnotation"/>), where the CNN trainer reads them and applies
/// them to its training batches only. At Transform, in PredictionEngine and in a loaded model it is the identity.
/// </summary>
public sealed class ImageAugmentingEstimator : IEstimator<ImageAugmentingTransformer>
{
    /// <summary>Creates the estimator; the settings are validated now.</summary>
    /// <param name="imageColumnName">The image column the augmentations apply to (the CNN trainer's image column).</param>
    /// <param name="augmentations">The augmentations, first applied first.</param>
    /// <exception cref="ArgumentException">The column name is empty, there is no augmentation, or a setting is invalid (the message names it).</exception>
    internal ImageAugmentingEstimator(string imageColumnName, IEnumerable<AugmentationOptions> augmentations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imageColumnName);
        ArgumentNullException.ThrowIfNull(augmentations);
        ImageColumnName = imageColumnName;
        Augmentations = [.. augmentations];
        if (Augmentations.Count == 0) throw new ArgumentException("An augmentation transform needs at least one augmentation.", nameof(augmentations));
        foreach (var augmentation in Augmentations) (augmentation ?? throw new ArgumentNullException(nameof(augmentations), "An augmentation is null.")).Validate();
    }

    /// <summary>The image column the augmentations apply to.</summary>
    public string ImageColumnName { get; }

    /// <summary>The augmentations this step adds, first applied first.</summary>
    public IReadOnlyList<AugmentationOptions> Augmentations { get; }

    /// <summary>Checks the image column and returns the transformer (nothing is read from the data).</summary>
    /// <param name="input">Data with the image column.</param>
    /// <exception cref="ArgumentOutOfRangeException">The image column is missing or not an image column.</exception>
    public ImageAugmentingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new ImageAugmentingTransformer(ImageColumnName, Augmentations);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    /// <summary>The input shape, its image column carrying the <see cref="AugmentationAnnotation.Kind"/> annotation.</summary>
    /// <param name="inputSchema">The input shape.</param>
    /// <exception cref="ArgumentOutOfRangeException">The image column is missing or of a type the CNN does not take (the message names the column, its type and the accepted ones).</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ImageFeatureColumn.Inspect(inputSchema, ImageColumnName);
        var image = SchemaShapes.Find(inputSchema, ImageColumnName)!.Value;
        var annotations = image.Annotations.Where(a => a.Name != AugmentationAnnotation.Kind).Append(AugmentationAnnotation.Shape());
        return SchemaShapes.With(inputSchema, SchemaShapes.Column(image.Name, image.Kind, image.ItemType, image.IsKey, annotations));
    }
}
