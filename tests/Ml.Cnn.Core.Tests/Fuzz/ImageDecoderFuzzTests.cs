using Ml.Cnn.Engine;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Core.Tests.Fuzz;

/// <summary>
/// Seeded mutations of PNG, JPEG, BMP and GIF files through the native decoder (see <see cref="Fuzzer"/>): each must
/// give a <see cref="CnnNativeException"/> or pixels. Pixels must equal the original's when the file is a truncation of it
/// (truncation is always detected) or a PNG (every chunk has a CRC); other damage to JPEG, BMP and GIF pixel data is
/// counted as undetectable, as ImageCodec documents.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ImageDecoderFuzzTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "reference", "images");

    public static TheoryData<string> Formats() => new() { "png", "jpg", "bmp", "gif" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Native_decoder(string extension)
    {
        var originals = Directory.GetFiles(Folder, "*." + extension).Order(StringComparer.Ordinal)
            .Select(f => (Bytes: File.ReadAllBytes(f), Pixels: ImageCodec.Decode(File.ReadAllBytes(f), 3))).ToArray();
        Fuzzer.Run($"{extension.ToUpperInvariant()} (native decoder)", (_, random) =>
        {
            var (bytes, (shape, pixels)) = originals[random.Next(originals.Length)];
            var mutated = Fuzzer.Mutate(bytes, random);
            try
            {
                var (width, height, _) = ImageCodec.Info(mutated);
                var (decodedShape, decoded) = ImageCodec.Decode(mutated, 3);
                if (decodedShape.Width != width || decodedShape.Height != height)
                    throw new FuzzWrongResultException($"Info says {width}x{height} but Decode gives {decodedShape}");
                if (random.Next(4) == 0)
                {
                    var resized = new ImageShape(random.Next(2) == 0 ? 1 : 3, 7, 9);
                    ImageCodec.Decode(mutated, resized, (ResizeMode)random.Next(3), new byte[resized.Size]);
                }
                var same = decodedShape == shape && decoded.AsSpan().SequenceEqual(pixels);
                if (same) return FuzzOutcome.Correct;
                if (extension == "png" || bytes.AsSpan().StartsWith(mutated))
                    throw new FuzzWrongResultException($"a damaged {extension} ({mutated.Length} of {bytes.Length} bytes) decoded to other pixels");
                return FuzzOutcome.Undetectable;
            }
            catch (CnnNativeException)
            {
                return FuzzOutcome.Refused;
            }
        });
    }
}
