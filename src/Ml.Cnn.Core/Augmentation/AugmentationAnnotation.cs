using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.MlNet;

namespace Ml.Cnn.Augmentation;

/// <summary>
/// The contract through which CNN trainers meet augmentation transforms of an ML.NET pipeline (the two never reference each
/// other): an augmentation transformer passes the data through unchanged and annotates the image column with the text
/// annotation <see cref="Kind"/>, holding a versioned JSON document of every augmentation so far (a later transformer appends
/// to what an earlier one wrote, so the order is kept); the trainer reads it back into augmenters. Nothing else reads it,
/// so at Transform and in a loaded model augmentation is the identity.
/// </summary>
public static class AugmentationAnnotation
{
    /// <summary>The annotation kind on the image column.</summary>
    public const string Kind = "MlCnn.Augmentations";

    /// <summary>The version of the JSON document this MlCnn writes and reads.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>The annotation text of <paramref name="augmentations"/> (each validated first).</summary>
    /// <param name="augmentations">The augmentations, first applied first.</param>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public static string Write(IEnumerable<AugmentationOptions> augmentations)
    {
        ArgumentNullException.ThrowIfNull(augmentations);
        var list = augmentations.ToArray();
        foreach (var augmentation in list)
        {
            ArgumentNullException.ThrowIfNull(augmentation, nameof(augmentations));
            augmentation.Validate();
        }
        return JsonSerializer.Serialize(new AugmentationSpec(FormatVersion, list), Json);
    }

    /// <summary>Reads an annotation text back into the augmentations it describes (each validated).</summary>
    /// <param name="text">What <see cref="Write"/> wrote.</param>
    /// <param name="where">Where the text comes from, for messages (e.g. <c>image column 'Image'</c>).</param>
    /// <exception cref="InvalidDataException">The text is not such a document, another format version, or holds invalid settings.</exception>
    public static IReadOnlyList<AugmentationOptions> Parse(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        AugmentationSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<AugmentationSpec>(text, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The augmentations recorded on {where} ({Kind}) cannot be read: {e.Message} " +
                "They were written by another MlCnn version or edited; build the pipeline again with this MlCnn.", e);
        }
        if (spec is null || spec.Version != FormatVersion || spec.Augmentations is null)
            throw new InvalidDataException($"The augmentations recorded on {where} ({Kind}) are in format version {spec?.Version}; this MlCnn " +
                $"reads version {FormatVersion}. Use the MlCnn version that wrote them, or build the pipeline again with this one.");
        foreach (var augmentation in spec.Augmentations)
        {
            try
            {
                (augmentation ?? throw new ArgumentException("an entry is null")).Validate();
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"The augmentations recorded on {where} ({Kind}) are invalid: {e.Message} " +
                    "The model or data is damaged; build the pipeline again.", e);
            }
        }
        return spec.Augmentations;
    }

    /// <summary>The augmentations annotated on <paramref name="column"/>, first applied first; empty when it has none.</summary>
    /// <param name="column">An image column of ML.NET data.</param>
    /// <exception cref="InvalidDataException">The annotation is not text, or cannot be read (see <see cref="Parse"/>).</exception>
    public static IReadOnlyList<AugmentationOptions> Read(DataViewSchema.Column column)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(Kind);
        if (annotation is null) return [];
        var where = $"image column '{column.Name}'";
        if (annotation.Value.Type is not TextDataViewType)
            throw new InvalidDataException($"The annotation {Kind} on {where} is {annotation.Value.Type}, not text; another component wrote it. " +
                "Remove that component or rename the column.");
        ReadOnlyMemory<char> text = default;
        column.Annotations.GetValue(Kind, ref text);
        return Parse(text.ToString(), where);
    }

    /// <summary>The augmenters of the augmentations annotated on <paramref name="column"/>, in the order they apply (what a trainer attaches).</summary>
    /// <param name="column">The image column of the training data.</param>
    /// <exception cref="InvalidDataException">The annotation cannot be read (see <see cref="Parse"/>).</exception>
    public static IReadOnlyList<IBatchAugmenter> CreateAugmenters(DataViewSchema.Column column) =>
        [.. Read(column).Select(a => a.CreateAugmenter())];

    /// <summary><paramref name="existing"/> (the column's annotations) with <see cref="Kind"/> set to <paramref name="augmentations"/>.</summary>
    /// <param name="existing">The image column's annotations; one of kind <see cref="Kind"/> is replaced.</param>
    /// <param name="augmentations">Every augmentation of the column, first applied first.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public static DataViewSchema.Annotations Annotate(DataViewSchema.Annotations existing, IEnumerable<AugmentationOptions> augmentations)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var text = Write(augmentations).AsMemory();
        var builder = new DataViewSchema.Annotations.Builder();
        builder.Add(existing, kind => kind != Kind);
        builder.Add(Kind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = text);
        return builder.ToAnnotations();
    }

    /// <summary>The shape of the annotation, for estimators' <c>GetOutputSchema</c>.</summary>
    public static SchemaShape.Column Shape() =>
        SchemaShapes.Column(Kind, SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, isKey: false);
}
