using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Ml.Cnn.Features;

/// <summary>
/// An image column of ML.NET data checked once: its kind and, for pixel vectors, the layout of its values. Any other column
/// type is refused before training with a message naming the column, its type and the accepted ones.
/// </summary>
public sealed class ImageFeatureColumn
{
    /// <summary>What the CNN accepts, for messages.</summary>
    public const string Accepted =
        "a variable-size Vector<Byte> of encoded images (LoadRawImageBytes), a known-size Vector<Single> or Vector<Byte> of pixels " +
        "with dimensions CxHxW, HxWxC or HxW (ExtractPixels), or an MLImage column (LoadImages, ResizeImages)";

    private ImageFeatureColumn(string name, ImageFeatureKind kind, ImageShape? pixelShape, bool channelsLast, bool floats)
    {
        Name = name;
        Kind = kind;
        PixelShape = pixelShape;
        ChannelsLast = channelsLast;
        Floats = floats;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The kind of column.</summary>
    public ImageFeatureKind Kind { get; }

    /// <summary>For <see cref="ImageFeatureKind.Pixels"/>, the image shape the vector holds; null otherwise.</summary>
    public ImageShape? PixelShape { get; }

    /// <summary>For <see cref="ImageFeatureKind.Pixels"/>, true when the values are stored H×W×C (interleaved).</summary>
    public bool ChannelsLast { get; }

    /// <summary>For <see cref="ImageFeatureKind.Pixels"/>, true for Single values, false for Byte values.</summary>
    public bool Floats { get; }

    /// <summary>
    /// The shape an image of this column is decoded to, as the CNN trainer decodes it: a pixel vector keeps its shape;
    /// an encoded file or an <c>MLImage</c> takes <paramref name="colorMode"/>'s channels (default gray for a gray file,
    /// else RGB) and the given size (default its own).
    /// </summary>
    /// <param name="stored">The image's own shape (<see cref="ImageFeatureReader.ReadStoredShape"/>).</param>
    /// <param name="colorMode">The channels to decode to, or null.</param>
    /// <param name="height">The height to decode to, or null.</param>
    /// <param name="width">The width to decode to, or null.</param>
    public ImageShape DecodedShape(ImageShape stored, Engine.ColorMode? colorMode = null, int? height = null, int? width = null) =>
        Kind == ImageFeatureKind.Pixels
            ? stored
            : new ImageShape(colorMode is { } mode ? (int)mode : Kind == ImageFeatureKind.EncodedBytes && stored.Channels <= 2 ? 1 : 3,
                height ?? stored.Height, width ?? stored.Width);

    /// <summary>Checks the column of <paramref name="schema"/> named <paramref name="name"/>.</summary>
    /// <param name="schema">The data's schema.</param>
    /// <param name="name">The image column.</param>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of another type; the message says what is accepted.</exception>
    public static ImageFeatureColumn Inspect(DataViewSchema schema, string name)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var column = schema.GetColumnOrNull(name) ?? throw new ArgumentOutOfRangeException(nameof(name),
            $"The image column '{name}' is not in the data. Columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}.");
        return Inspect(name, column.Type);
    }

    /// <summary>Checks a column type (what <see cref="Inspect(DataViewSchema, string)"/> does once the column is found).</summary>
    /// <param name="name">The column name, for messages.</param>
    /// <param name="type">Its type.</param>
    public static ImageFeatureColumn Inspect(string name, DataViewType type)
    {
        switch (type)
        {
            case ImageDataViewType:
                return new ImageFeatureColumn(name, ImageFeatureKind.Image, null, false, false);
            case VectorDataViewType { ItemType: var item, Size: 0 } when item == NumberDataViewType.Byte:
                return new ImageFeatureColumn(name, ImageFeatureKind.EncodedBytes, null, false, false);
            case VectorDataViewType { Size: > 0 } vector when vector.ItemType == NumberDataViewType.Single || vector.ItemType == NumberDataViewType.Byte:
                var (shape, channelsLast) = Layout(name, vector);
                return new ImageFeatureColumn(name, ImageFeatureKind.Pixels, shape, channelsLast, vector.ItemType == NumberDataViewType.Single);
            default:
                throw Refuse(name, type);
        }
    }

    /// <summary>Checks a column of a <see cref="SchemaShape"/> (an estimator's GetOutputSchema, before any data).</summary>
    /// <param name="shape">The input shape.</param>
    /// <param name="name">The image column.</param>
    public static void Inspect(SchemaShape shape, string name)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!shape.TryFindColumn(name, out var column))
            throw new ArgumentOutOfRangeException(nameof(name), $"The image column '{name}' is not in the data. Columns: {string.Join(", ", shape.Select(c => c.Name))}.");
        var ok = column.ItemType switch
        {
            ImageDataViewType => column.Kind == SchemaShape.Column.VectorKind.Scalar,
            var item when item == NumberDataViewType.Byte => column.Kind != SchemaShape.Column.VectorKind.Scalar,
            var item when item == NumberDataViewType.Single => column.Kind == SchemaShape.Column.VectorKind.Vector,
            _ => false,
        };
        if (!ok) throw Refuse(name, column.Kind == SchemaShape.Column.VectorKind.Scalar ? column.ItemType : new VectorDataViewType((PrimitiveDataViewType)column.ItemType));
    }

    private static ArgumentOutOfRangeException Refuse(string name, DataViewType type) =>
        new(nameof(name), $"Schema mismatch for image column '{name}': it is {Describe(type)}; the CNN takes {Accepted}.");

    /// <summary>ML.NET's way of naming a column type in messages, e.g. <c>Vector&lt;Single, 784&gt;</c>.</summary>
    /// <param name="type">The type.</param>
    public static string Describe(DataViewType type) => type switch
    {
        VectorDataViewType v => v.Size == 0 ? $"Vector<{v.ItemType.RawType.Name}>" : $"Vector<{v.ItemType.RawType.Name}, {string.Join("x", v.Dimensions)}>",
        KeyDataViewType k => $"Key<{k.RawType.Name}, {k.Count}>",
        ImageDataViewType => "Image",
        _ => type.RawType == typeof(ReadOnlyMemory<char>) ? "String" : type.RawType.Name,
    };

    private static (ImageShape Shape, bool ChannelsLast) Layout(string name, VectorDataViewType vector)
    {
        var dims = vector.Dimensions;
        static bool Channels(int c) => c is 1 or 3 or 4;
        return dims.Length switch
        {
            3 when Channels(dims[0]) => (new ImageShape(dims[0], dims[1], dims[2]), false),
            3 when Channels(dims[2]) => (new ImageShape(dims[2], dims[0], dims[1]), true),
            2 => (new ImageShape(1, dims[0], dims[1]), false),
            _ => throw new ArgumentOutOfRangeException(nameof(name),
                $"Image column '{name}' is {Describe(vector)}: its dimensions do not say the image's height and width. The CNN needs " +
                "dimensions CxHxW, HxWxC (C = 1, 3 or 4) or HxW, as ExtractPixels makes; give them with a VectorDataViewType(Single, C, H, W) " +
                "in your schema (or [VectorType(C, H, W)] on the property)."),
        };
    }
}
