using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Ml.Cnn.Augmentation;
using Ml.Cnn.MlNet;

namespace Ml.Cnn.Transforms;

/// <summary>
/// Passes the data through unchanged and annotates the image column with its augmentations, appended to those an earlier
/// augmentation transform annotated (<see cref="AugmentationAnnotation"/>); the CNN trainer reads the annotation at Fit.
/// Saved in ML.NET's model zip (the same versioned document); usable by PredictionEngine.
/// </summary>
public sealed class ImageAugmentingTransformer : ITransformer, ICnnComponent<ImageAugmentingTransformer>
{
    private const int PayloadVersion = 1;

    internal ImageAugmentingTransformer(string imageColumnName, IReadOnlyList<AugmentationOptions> augmentations)
    {
        ImageColumnName = imageColumnName;
        Augmentations = augmentations;
    }

    /// <summary>The image column annotated.</summary>
    public string ImageColumnName { get; }

    /// <summary>The augmentations this transformer adds, first applied first.</summary>
    public IReadOnlyList<AugmentationOptions> Augmentations { get; }

    /// <summary>Always true: rows pass through one by one.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema with the image column annotated.</summary>
    /// <param name="inputSchema">The input schema.</param>
    /// <exception cref="ArgumentOutOfRangeException">The image column is missing or not an image column.</exception>
    /// <exception cref="InvalidDataException">An earlier augmentation annotation on the image column cannot be read.</exception>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).OutputSchema;

    /// <summary>A mapper of single rows, as PredictionEngine uses (the identity).</summary>
    /// <param name="inputSchema">The schema of the rows to map.</param>
    /// <exception cref="ArgumentOutOfRangeException">The image column is missing or not an image column.</exception>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new ImageAugmentingRowMapper(Bind(inputSchema));

    /// <summary>The input's rows, values unchanged, under the annotated schema.</summary>
    /// <param name="input">Data with the image column.</param>
    /// <exception cref="ArgumentOutOfRangeException">The image column is missing or not an image column.</exception>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new ImageAugmentingDataView(input, Bind(input.Schema));
    }

    /// <summary>Saves the transformer into ML.NET's model (called by <c>mlContext.Model.Save</c>).</summary>
    /// <param name="ctx">ML.NET's save context.</param>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ComponentFile.Save(ctx, this);

    /// <summary>Writes the payload: its version, the image column and the augmentations' annotation document.</summary>
    /// <param name="writer">The payload writer.</param>
    void ICnnComponent.SavePayload(BinaryWriter writer)
    {
        writer.Write(PayloadVersion);
        writer.Write(ImageColumnName);
        writer.Write(AugmentationAnnotation.Write(Augmentations));
    }

    /// <summary>Rebuilds the transformer from its payload.</summary>
    /// <param name="environment">ML.NET's environment of the loading context.</param>
    /// <param name="reader">The payload reader.</param>
    static ImageAugmentingTransformer ICnnComponent<ImageAugmentingTransformer>.Load(IHostEnvironment environment, BinaryReader reader)
    {
        var version = reader.ReadInt32();
        if (version != PayloadVersion)
            throw new InvalidDataException($"The model holds an augmentation transform in payload version {version}; this MlCnn reads version {PayloadVersion}. " +
                "Load the model with the MlCnn version that saved it.");
        var column = reader.ReadString();
        if (string.IsNullOrWhiteSpace(column))
            throw new InvalidDataException("The augmentation transform stored in this model names no image column; the model file is damaged.");
        var augmentations = AugmentationAnnotation.Parse(reader.ReadString(), $"the augmentation transform of image column '{column}' in this model");
        return new ImageAugmentingTransformer(column, augmentations);
    }

    private ImageAugmentingBinding Bind(DataViewSchema inputSchema) => new(inputSchema, ImageColumnName, Augmentations);
}
