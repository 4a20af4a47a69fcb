using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Features;

/// <summary>
/// Reads the image of the current row of an ML.NET row or cursor as uint8 CHW pixels (or, for encoded files, as the file's
/// bytes, to be decoded in parallel with <see cref="DecodeAll"/>). Errors name the column and the row.
/// </summary>
public sealed class ImageFeatureReader
{
    private readonly ValueGetter<VBuffer<byte>>? _bytes;
    private readonly ValueGetter<VBuffer<float>>? _floats;
    private readonly ValueGetter<MLImage>? _image;
    private readonly ValueGetter<DataViewRowId> _id;
    private VBuffer<byte> _byteBuffer;
    private VBuffer<float> _floatBuffer;
    private MLImage? _current;

    /// <summary>Creates a reader over <paramref name="row"/>, which must have <paramref name="column"/> active.</summary>
    /// <param name="row">The row or cursor.</param>
    /// <param name="column">The checked image column.</param>
    public ImageFeatureReader(DataViewRow row, ImageFeatureColumn column)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(column);
        _id = row.GetIdGetter();
        Column = column;
        var schemaColumn = row.Schema[column.Name];
        switch (column.Kind)
        {
            case ImageFeatureKind.Image:
                _image = row.GetGetter<MLImage>(schemaColumn);
                break;
            case ImageFeatureKind.Pixels when column.Floats:
                _floats = row.GetGetter<VBuffer<float>>(schemaColumn);
                break;
            default:
                _bytes = row.GetGetter<VBuffer<byte>>(schemaColumn);
                break;
        }
    }

    /// <summary>The column read.</summary>
    public ImageFeatureColumn Column { get; }

    /// <summary>
    /// The current row's number in the source data, for messages: its row id (ML.NET's loaders number rows from 0 and
    /// keep the number through transforms and shuffling), not the cursor's position.
    /// </summary>
    public long Row
    {
        get
        {
            DataViewRowId id = default;
            _id(ref id);
            return (long)id.Low;
        }
    }

    /// <summary>The bytes of the current row's encoded image (a copy; <see cref="ImageFeatureKind.EncodedBytes"/> only).</summary>
    public byte[] ReadEncoded()
    {
        _bytes!(ref _byteBuffer);
        var bytes = new byte[_byteBuffer.Length];
        _byteBuffer.CopyTo(bytes);
        if (bytes.Length == 0) throw Error("the image is empty (0 bytes); check that the file exists and is not empty");
        return bytes;
    }

    /// <summary>
    /// The shape of the current row's image as stored: the file's size and channels (encoded), the vector's dimensions
    /// (pixels) or the image's size with 4 channels (MLImage).
    /// </summary>
    public ImageShape ReadStoredShape()
    {
        switch (Column.Kind)
        {
            case ImageFeatureKind.EncodedBytes:
                var encoded = ReadEncoded();
                try
                {
                    var (width, height, channels) = ImageCodec.Info(encoded);
                    return new ImageShape(channels, height, width);
                }
                catch (CnnNativeException e)
                {
                    throw Error(e.Message, e);
                }
            case ImageFeatureKind.Image:
                var image = ReadImage();
                return new ImageShape(4, image.Height, image.Width);
            default:
                return Column.PixelShape!.Value;
        }
    }

    /// <summary>Writes the current row's image as CHW pixels of <paramref name="shape"/> into <paramref name="destination"/>.</summary>
    /// <param name="shape">The shape the model takes.</param>
    /// <param name="resize">How an encoded image of another size is fitted.</param>
    /// <param name="destination">Exactly <see cref="ImageShape.Size"/> bytes.</param>
    public void ReadPixels(ImageShape shape, ResizeMode resize, Span<byte> destination)
    {
        switch (Column.Kind)
        {
            case ImageFeatureKind.EncodedBytes:
                Decode(ReadEncoded(), shape, resize, destination, Column.Name, Row);
                break;
            case ImageFeatureKind.Image:
                CopyImage(ReadImage(), shape, destination);
                break;
            case ImageFeatureKind.Pixels when Column.Floats:
                _floats!(ref _floatBuffer);
                CheckLength(_floatBuffer.Length, shape);
                CopyFloats(_floatBuffer.GetValues(), _floatBuffer.IsDense, shape, destination);
                break;
            default:
                _bytes!(ref _byteBuffer);
                CheckLength(_byteBuffer.Length, shape);
                Reorder(_byteBuffer.IsDense ? _byteBuffer.GetValues() : _byteBuffer.DenseValues().ToArray(), shape, destination);
                break;
        }
    }

    /// <summary>Decodes encoded images into consecutive CHW images of <paramref name="shape"/>, in parallel.</summary>
    /// <param name="encoded">The files' bytes.</param>
    /// <param name="rows">The row of each image, for messages.</param>
    /// <param name="column">The column name, for messages.</param>
    /// <param name="shape">The shape to decode to.</param>
    /// <param name="resize">How images of another size are fitted.</param>
    /// <param name="destination">At least <c>encoded.Count × shape.Size</c> bytes.</param>
    public static void DecodeAll(IReadOnlyList<byte[]> encoded, IReadOnlyList<long> rows, string column, ImageShape shape, ResizeMode resize, Memory<byte> destination)
    {
        var size = shape.Size;
        if (encoded.Count == 1)
        {
            Decode(encoded[0], shape, resize, destination.Span[..size], column, rows[0]);
            return;
        }
        Parallel.For(0, encoded.Count, i => Decode(encoded[i], shape, resize, destination.Span.Slice(i * size, size), column, rows[i]));
    }

    private static void Decode(byte[] encoded, ImageShape shape, ResizeMode resize, Span<byte> destination, string column, long row)
    {
        try
        {
            ImageCodec.Decode(encoded, shape, resize, destination);
        }
        catch (CnnNativeException e)
        {
            throw new InvalidDataException($"Image column '{column}', row {row}: {e.Message}. Remove or replace that image.", e);
        }
    }

    private MLImage ReadImage()
    {
        _image!(ref _current!);
        if (_current is null) throw Error("the image is missing (null); check that the file exists and LoadImages could read it");
        return _current;
    }

    private void CheckLength(int length, ImageShape shape)
    {
        if (length != shape.Size)
            throw Error($"the vector holds {length} values but the model takes images of {shape} ({shape.Size} values)");
    }

    private void CopyImage(MLImage image, ImageShape shape, Span<byte> destination)
    {
        if (image.Width != shape.Width || image.Height != shape.Height)
            throw Error($"the image is {image.Width}x{image.Height} but the model takes {shape.Width}x{shape.Height}; " +
                $"add mlContext.Transforms.ResizeImages(..., imageWidth: {shape.Width}, imageHeight: {shape.Height}) before the CNN");
        var pixels = image.Pixels;
        var (r, b) = image.PixelFormat == MLPixelFormat.Rgba32 ? (0, 2) : (2, 0);
        var plane = shape.Height * shape.Width;
        for (var i = 0; i < plane; i++)
        {
            var p = pixels.Slice(i * 4, 4);
            switch (shape.Channels)
            {
                case 1:
                    destination[i] = (byte)((77 * p[r] + 150 * p[1] + 29 * p[b]) >> 8);
                    break;
                default:
                    destination[i] = p[r];
                    destination[plane + i] = p[1];
                    destination[2 * plane + i] = p[b];
                    if (shape.Channels == 4) destination[3 * plane + i] = p[3];
                    break;
            }
        }
    }

    private void CopyFloats(ReadOnlySpan<float> values, bool dense, ImageShape shape, Span<byte> destination)
    {
        if (!dense)
        {
            var full = new float[shape.Size];
            _floatBuffer.CopyTo(full);
            values = full;
        }
        var pixels = Column.ChannelsLast ? new byte[shape.Size] : destination;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (v is >= 0f and <= 255f && (byte)v == v)
            {
                pixels[i] = (byte)v;
                continue;
            }
            throw Error($"value {v} at index {i} is not a pixel value 0..255. The CNN takes ExtractPixels' unscaled output " +
                "(scaleImage 1, offsetImage 0) and scales pixels itself (options PixelScale, PixelMean, PixelStd)");
        }
        if (Column.ChannelsLast) Reorder(pixels, shape, destination);
    }

    private void Reorder(ReadOnlySpan<byte> values, ImageShape shape, Span<byte> destination)
    {
        if (!Column.ChannelsLast)
        {
            values.CopyTo(destination);
            return;
        }
        var plane = shape.Height * shape.Width;
        for (var i = 0; i < plane; i++)
            for (var c = 0; c < shape.Channels; c++)
                destination[c * plane + i] = values[i * shape.Channels + c];
    }

    private InvalidDataException Error(string what, Exception? inner = null) =>
        new($"Image column '{Column.Name}', row {Row}: {what}.", inner);
}
