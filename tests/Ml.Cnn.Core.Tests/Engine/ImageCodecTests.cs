using System.Buffers.Binary;
using System.Text.Json;
using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Core.Tests.Engine;

/// <summary>
/// Decoding, resizing and PNG writing against tests/reference/images (written by tests/reference/golden_images.py):
/// lossless formats equal PIL's pixels, JPEG is within a few levels of libjpeg, resizing equals libtorch's interpolate.
/// </summary>
public class ImageCodecTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "reference", "images");

    private static readonly Lazy<JsonElement> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "expected.json"))).RootElement);

    private static readonly Dictionary<string, int> ModeChannels = new() { ["L"] = 1, ["RGB"] = 3, ["RGBA"] = 4 };

    public static TheoryData<string, string> LosslessCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var (name, mode) in Lossless()) cases.Add(name, mode);
        return cases;
    }

    public static TheoryData<string> ImageNames()
    {
        var names = new TheoryData<string>();
        foreach (var name in Names()) names.Add(name);
        return names;
    }

    public static TheoryData<int> ResizeCases()
    {
        var cases = new TheoryData<int>();
        for (var i = 0; i < Expected.Value.GetProperty("resize").GetArrayLength(); i++) cases.Add(i);
        return cases;
    }

    [Fact]
    public void Available_IsTrueWithStb() => Assert.True(ImageCodec.Available);

    [Fact]
    public void ReferenceSet_CoversEveryFormatAndMode()
    {
        Assert.Equal([".bmp", ".gif", ".jpg", ".png"], Names().Select(Path.GetExtension).Distinct().Order());
        Assert.Equal(["L", "RGB", "RGBA"], Lossless().Select(c => c.Mode).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(LosslessCases))]
    public void LosslessImage_DecodesExactlyAsPil(string name, string mode)
    {
        var expected = Pixels(Image(name).GetProperty(mode));
        var (shape, pixels) = ImageCodec.Decode(Bytes(name), ModeChannels[mode]);

        Assert.Equal(new ImageShape(ModeChannels[mode], Image(name).GetProperty("height").GetInt32(), Image(name).GetProperty("width").GetInt32()), shape);
        Assert.Equal(expected, pixels);
    }

    [Fact]
    public void Gif_DecodesTheFirstFrame()
    {
        var gif = Image("anim7x5.gif");
        var (_, pixels) = ImageCodec.Decode(Bytes("anim7x5.gif"), 3);

        Assert.Equal(Pixels(gif.GetProperty("RGB")), pixels);
        Assert.NotEqual(Pixels(gif.GetProperty("secondFrameRGB")), pixels);
    }

    [Theory]
    [InlineData("photo16x12.jpg", "RGB")]
    [InlineData("gray16x12.jpg", "L")]
    public void Jpeg_IsWithinAFewLevelsOfLibjpeg(string name, string mode)
    {
        var expected = Pixels(Image(name).GetProperty(mode));
        var (_, pixels) = ImageCodec.Decode(Bytes(name), ModeChannels[mode]);

        Assert.Equal(expected.Length, pixels.Length);
        var differences = expected.Zip(pixels, (e, a) => Math.Abs(e - a)).ToArray();
        Assert.True(differences.Average() <= 2, $"mean absolute difference {differences.Average():F3}");
        Assert.True(differences.Max() <= 12, $"max absolute difference {differences.Max()}");
    }

    [Theory]
    [InlineData("rgb7x5.png")]
    [InlineData("rgba7x5.png")]
    [InlineData("rgb16x12.bmp")]
    public void ColorImage_ReadAsGray_UsesStbLuma(string name)
    {
        var rgb = Pixels(Image(name).GetProperty("RGB"));
        var plane = rgb.Length / 3;
        var expected = new byte[plane];
        for (var i = 0; i < plane; i++) expected[i] = (byte)((rgb[i] * 77 + rgb[plane + i] * 150 + rgb[2 * plane + i] * 29) >> 8);

        var (shape, gray) = ImageCodec.Decode(Bytes(name), 1);

        Assert.Equal(1, shape.Channels);
        Assert.Equal(expected, gray);
    }

    [Fact]
    public void RgbImage_ReadAsRgba_HasOpaqueAlpha()
    {
        var rgb = Pixels(Image("rgb7x5.png").GetProperty("RGB"));
        var (_, rgba) = ImageCodec.Decode(Bytes("rgb7x5.png"), 4);

        Assert.Equal(rgb, rgba[..rgb.Length]);
        Assert.All(rgba[rgb.Length..], a => Assert.Equal(255, a));
    }

    [Theory]
    [MemberData(nameof(ImageNames))]
    public void Info_ReturnsSizeAndStoredChannels(string name)
    {
        var image = Image(name);
        var info = ImageCodec.Info(Bytes(name));

        Assert.Equal((image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32(), image.GetProperty("fileChannels").GetInt32()), info);
    }

    [Theory]
    [MemberData(nameof(ResizeCases))]
    public void Resize_MatchesLibtorchAndPil(int index)
    {
        var c = Expected.Value.GetProperty("resize")[index];
        var mode = c.GetProperty("mode").GetString() switch
        {
            "bilinear" => ResizeMode.Bilinear,
            "nearest" => ResizeMode.Nearest,
            "centercrop" => ResizeMode.CenterCrop,
            var m => throw new InvalidDataException($"unknown mode {m}"),
        };
        var shape = new ImageShape(c.GetProperty("channels").GetInt32(), c.GetProperty("height").GetInt32(), c.GetProperty("width").GetInt32());
        var actual = new byte[shape.Size];
        ImageCodec.Decode(Bytes(c.GetProperty("source").GetString()!), shape, mode, actual);

        var expected = Pixels(c.GetProperty("expected"));
        if (mode == ResizeMode.Nearest) Assert.Equal(expected, actual);
        else Assert.True(MaxDifference(expected, actual) <= 1, $"max difference to libtorch {MaxDifference(expected, actual)}");
        if (c.TryGetProperty("pil", out var pil))
            Assert.True(MaxDifference(Pixels(pil), actual) <= 1, $"max difference to PIL {MaxDifference(Pixels(pil), actual)}");
    }

    [Fact]
    public void Nearest_PicksTheSourcePixelUnderEachCenter()
    {
        using var folder = new TempFolder();
        var path = folder.File("pattern.png");
        var pattern = Enumerable.Range(0, 16).Select(i => (byte)(10 * (i / 4) + i % 4)).ToArray(); // value = 10 * row + col
        ImageCodec.WritePng(path, pattern, new ImageShape(1, 4, 4));
        var bytes = File.ReadAllBytes(path);

        var down = new byte[4];
        ImageCodec.Decode(bytes, new ImageShape(1, 2, 2), ResizeMode.Nearest, down);
        var up = new byte[6 * 3];
        ImageCodec.Decode(bytes, new ImageShape(1, 6, 3), ResizeMode.Nearest, up);

        Assert.Equal([11, 13, 31, 33], down); // floor((i + 0.5) * 2) = 1, 3
        int[] rows = [0, 1, 1, 2, 3, 3], cols = [0, 2, 3]; // floor((i + 0.5) * 4 / 6), floor((j + 0.5) * 4 / 3)
        Assert.Equal(rows.SelectMany(r => cols.Select(col => (byte)(10 * r + col))), up);
    }

    [Theory]
    [InlineData(ResizeMode.Bilinear)]
    [InlineData(ResizeMode.Nearest)]
    [InlineData(ResizeMode.CenterCrop)]
    public void Resize_ToTheImagesOwnSize_IsTheIdentity(ResizeMode mode)
    {
        var expected = Pixels(Image("rgb16x12.bmp").GetProperty("RGB"));
        var actual = new byte[expected.Length];
        ImageCodec.Decode(Bytes("rgb16x12.bmp"), new ImageShape(3, 12, 16), mode, actual);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void CenterCrop_KeepsTheAspectRatio_AndCutsTheSideBorders()
    {
        // border16x12.png: R = 255 in the first and last column, R = 0 inside.
        var shape = new ImageShape(3, 8, 8);
        var cropped = new byte[shape.Size];
        var stretched = new byte[shape.Size];
        ImageCodec.Decode(Bytes("border16x12.png"), shape, ResizeMode.CenterCrop, cropped);
        ImageCodec.Decode(Bytes("border16x12.png"), shape, ResizeMode.Bilinear, stretched);

        Assert.All(cropped[..64], r => Assert.Equal(0, r));
        for (var row = 0; row < 8; row++)
        {
            Assert.True(stretched[row * 8] > 0);
            Assert.True(stretched[row * 8 + 7] > 0);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void WritePng_ThenDecode_GivesTheSamePixels(int channels)
    {
        using var folder = new TempFolder();
        var path = folder.File($"round-trip-{channels}.png");
        var shape = new ImageShape(channels, 5, 7);
        var pixels = new byte[shape.Size];
        new Random(channels).NextBytes(pixels);

        ImageCodec.WritePng(path, pixels, shape);
        var bytes = File.ReadAllBytes(path);
        var (decodedShape, decoded) = ImageCodec.Decode(bytes, channels);

        Assert.Equal((7, 5, channels), ImageCodec.Info(bytes));
        Assert.Equal(shape, decodedShape);
        Assert.Equal(pixels, decoded);
    }

    [Fact]
    public void EmptyBytes_Throw()
    {
        var error = Assert.Throws<CnnNativeException>(() => ImageCodec.Decode([], 3));
        Assert.Contains("empty", error.NativeMessage);
    }

    [Fact]
    public void RandomBytes_AreNotAnImage()
    {
        var bytes = new byte[64];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x42; // neither a PNG, JPEG, BMP nor GIF signature

        var error = Assert.Throws<CnnNativeException>(() => ImageCodec.Decode(bytes, new ImageShape(3, 4, 4), ResizeMode.Bilinear, new byte[48]));
        Assert.Contains("not a PNG, JPEG, BMP or GIF image", error.NativeMessage);
    }

    [Fact]
    public void PngSignatureFollowedByGarbage_ReportsStbsReason()
    {
        var bytes = new byte[64];
        new Random(8).NextBytes(bytes);
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10];
        signature.CopyTo(bytes, 0);

        var error = Assert.Throws<CnnNativeException>(() => ImageCodec.Info(bytes));
        Assert.Contains("PNG image (64 bytes)", error.NativeMessage);
        Assert.Contains("stb_image: ", error.NativeMessage);
    }

    [Theory]
    [InlineData("rgb7x5.png", "PNG", "truncated) (stb_image: outofdata)")]
    [InlineData("photo16x12.jpg", "JPEG", "expected marker")]
    [InlineData("rgb16x12.bmp", "BMP", "truncated (its header says 630 bytes)")]
    [InlineData("anim7x5.gif", "GIF", "truncated (its first frame is incomplete)")]
    public void TruncatedFile_SaysWhatIsWrong(string name, string format, string reason)
    {
        var bytes = Bytes(name);
        var half = bytes[..(bytes.Length / 2)];

        var error = Assert.Throws<CnnNativeException>(() => ImageCodec.Decode(half, 3));
        Assert.Contains($"cannot decode the {format} image ({half.Length} bytes)", error.NativeMessage);
        Assert.Contains(reason, error.NativeMessage);
    }

    [Fact]
    public void PngWithGarbagePixelData_FailsItsChunkCrc()
    {
        var bytes = Bytes("border16x12.png");
        var idat = bytes.AsSpan().IndexOf("IDAT"u8);
        bytes[idat + 68] ^= 0x10; // a bit of the compressed pixels that stb_image alone decodes without complaint

        var error = Assert.Throws<CnnNativeException>(() => ImageCodec.Decode(bytes, 3));
        Assert.Contains("CRC mismatch in its IDAT chunk", error.NativeMessage);
    }

    [Fact]
    public void HugePngHeader_IsReportedAsTooLarge_NotAsDamaged()
    {
        var bytes = Bytes("gray7x5.png");
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), 1 << 25);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), 1 << 25);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes.AsSpan(12, 17))); // an intact IHDR chunk

        var error = Assert.Throws<CnnNativeException>(() => ImageCodec.Info(bytes));
        Assert.Contains("33554432x33554432 pixels, too large to decode", error.NativeMessage);
    }

    [Fact]
    public void ZeroSizedPng_IsRejected()
    {
        var bytes = Bytes("gray7x5.png");
        bytes.AsSpan(16, 4).Clear(); // IHDR width = 0

        var decodeError = Assert.Throws<CnnNativeException>(() => ImageCodec.Decode(bytes, new ImageShape(1, 5, 7), ResizeMode.Bilinear, new byte[35]));
        var infoError = Assert.Throws<CnnNativeException>(() => ImageCodec.Info(bytes));

        Assert.Contains("no pixels (0 wide or high)", decodeError.NativeMessage);
        Assert.Contains("PNG image (108 bytes): its header is damaged", infoError.NativeMessage);
    }

    [Fact]
    public void WrongDestinationLength_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ImageCodec.Decode(Bytes("rgb7x5.png"), new ImageShape(3, 5, 7), ResizeMode.Bilinear, new byte[104]));
        Assert.Equal("destination", error.ParamName);
    }

    [Fact]
    public void UnsupportedChannelCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageCodec.Decode(Bytes("rgb7x5.png"), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ImageCodec.Decode(Bytes("rgb7x5.png"), new ImageShape(2, 5, 7), ResizeMode.Bilinear, new byte[70]));
    }

    [Fact]
    public void WritePng_IntoAMissingFolder_NamesThePath()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "missing", "image.png");

        var error = Assert.Throws<DirectoryNotFoundException>(() => ImageCodec.WritePng(path, new byte[12], new ImageShape(3, 2, 2)));
        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void WritePng_WithTooFewPixels_Throws() =>
        Assert.Throws<ArgumentException>(() => ImageCodec.WritePng("unused.png", new byte[11], new ImageShape(3, 2, 2)));

    private static IEnumerable<string> Names() => Expected.Value.GetProperty("images").EnumerateObject().Select(i => i.Name);

    private static IEnumerable<(string Name, string Mode)> Lossless() =>
        from image in Expected.Value.GetProperty("images").EnumerateObject()
        where !image.Name.EndsWith(".jpg", StringComparison.Ordinal)
        from mode in image.Value.EnumerateObject()
        where ModeChannels.ContainsKey(mode.Name)
        select (image.Name, mode.Name);

    private static JsonElement Image(string name) => Expected.Value.GetProperty("images").GetProperty(name);

    /// <summary>PNG's CRC-32 (ISO 3309, reflected, polynomial 0xEDB88320).</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }

    private static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    private static byte[] Pixels(JsonElement values) => values.EnumerateArray().Select(v => v.GetByte()).ToArray();

    private static int MaxDifference(byte[] expected, byte[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        return expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
    }
}
