using Microsoft.ML;
using Microsoft.ML.Data;
using Ml.Cnn.Engine;
using Ml.Cnn.Features;

namespace Ml.Cnn.Transforms.Tests.Images;

/// <summary>Pixel patterns and PNG files for the image tests, and the rows of a loaded image view read back.</summary>
internal static class TestImages
{
    /// <summary>Distinct, deterministic CHW pixels for an image (different <paramref name="salt"/>, different pixels).</summary>
    public static byte[] Pattern(ImageShape shape, int salt = 0) =>
        Enumerable.Range(0, shape.Size).Select(i => (byte)((i * 37 + salt * 11 + 5) % 256)).ToArray();

    /// <summary>CHW pixels where channel c is <paramref name="channelValues"/>[c] everywhere.</summary>
    public static byte[] Solid(ImageShape shape, byte[] channelValues) =>
        Enumerable.Range(0, shape.Size).Select(i => channelValues[i / (shape.Height * shape.Width)]).ToArray();

    /// <summary>Writes a PNG with libmlcnn, creating the folder.</summary>
    public static string WritePng(string path, ImageShape shape, byte[] chw)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        ImageCodec.WritePng(path, chw, shape);
        return path;
    }

    /// <summary>The text values of a column, row after row.</summary>
    public static string[] Text(IDataView view, string column) => [.. view.GetColumn<string>(column)];

    /// <summary>
    /// Every row's image decoded as the CNN trainer decodes it (<see cref="ImageFeatureReader"/>): CHW pixels of
    /// <paramref name="shape"/>, fitted with <paramref name="resize"/>, row after row.
    /// </summary>
    public static byte[] Decode(IDataView view, ImageShape shape, ResizeMode resize = ResizeMode.Bilinear, string column = "Image")
    {
        var feature = ImageFeatureColumn.Inspect(view.Schema, column);
        var pixels = new List<byte>();
        using var cursor = view.GetRowCursor([view.Schema[column]]);
        var reader = new ImageFeatureReader(cursor, feature);
        var image = new byte[shape.Size];
        while (cursor.MoveNext())
        {
            reader.ReadPixels(shape, resize, image);
            pixels.AddRange(image);
        }
        return [.. pixels];
    }

    /// <summary>The file bytes of every row's image column.</summary>
    public static List<byte[]> Bytes(IDataView view, string column = "Image")
    {
        var images = new List<byte[]>();
        using var cursor = view.GetRowCursor([view.Schema[column]]);
        var image = cursor.GetGetter<VBuffer<byte>>(view.Schema[column]);
        VBuffer<byte> bytes = default;
        while (cursor.MoveNext())
        {
            image(ref bytes);
            images.Add(bytes.DenseValues().ToArray());
        }
        return images;
    }
}
