using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms.Tests.Images;

/// <summary>Pixel patterns and PNG files for the image tests.</summary>
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

    /// <summary>All pixels of an image column, row after row.</summary>
    public static byte[] ReadAll(ImageColumn column)
    {
        var pixels = new byte[column.RowCount * column.Shape.Size];
        column.CopyRows(Enumerable.Range(0, column.RowCount).ToArray(), pixels);
        return pixels;
    }
}
