using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Core.Tests.Engine;

/// <summary>A PNG picture in memory: its bytes, data URI and file decode to the pixels it was made from.</summary>
public class PngImageTests
{
    private static readonly ImageShape Rgb = new(3, 5, 7);

    private static byte[] Pixels() => [.. Enumerable.Range(0, Rgb.Size).Select(i => (byte)(i * 7 % 256))];

    [Fact]
    public void The_bytes_the_data_uri_and_the_saved_file_decode_to_the_pixels()
    {
        var image = new PngImage(Pixels(), Rgb);
        using var folder = new TempFolder();
        var path = folder.File("image.png");
        image.Save(path);

        Assert.Equal(Rgb, image.Shape);
        Assert.Equal(Pixels(), ImageCodec.Decode(image.ToArray(), channels: 3).Pixels);
        Assert.Equal(image.ToArray(), File.ReadAllBytes(path));
        var uri = image.ToDataUri();
        Assert.StartsWith("data:image/png;base64,", uri, StringComparison.Ordinal);
        Assert.Equal(image.ToArray(), Convert.FromBase64String(uri["data:image/png;base64,".Length..]));
    }

    [Fact]
    public void Pixels_of_another_size_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new PngImage(new byte[10], Rgb));
        Assert.Contains("10 pixels given", e.Message, StringComparison.Ordinal);
    }
}
