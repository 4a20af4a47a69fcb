using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms.Tests.Images;

/// <summary>A fact that needs image decoding: skipped when libmlcnn was built without stb_image.</summary>
internal sealed class ImageCodecFactAttribute : FactAttribute
{
    public ImageCodecFactAttribute()
    {
        if (!ImageCodec.Available)
            Skip = "libmlcnn was built without stb_image (Debian libstb-dev); run 'bash scripts/build-native.sh' to include this test.";
    }
}
