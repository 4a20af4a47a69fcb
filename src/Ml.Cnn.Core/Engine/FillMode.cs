namespace Ml.Cnn.Engine;

/// <summary>
/// How an affine augmentation fills output pixels whose source lies outside the image (Keras' <c>fill_mode</c>), shown for
/// a row <c>a b c d</c> shifted far enough to see both sides.
/// </summary>
public enum FillMode
{
    /// <summary>A constant value: <c>k k k k | a b c d | k k k k</c> (bilinear edges blend the border pixel with k).</summary>
    Constant = 0,

    /// <summary>The edge pixel repeated: <c>a a a a | a b c d | d d d d</c>.</summary>
    Nearest = 1,

    /// <summary>Mirrored about the image border, so the edge pixel appears twice: <c>d c b a | a b c d | d c b a</c>.</summary>
    Reflect = 2,

    /// <summary>The image tiled: <c>a b c d | a b c d | a b c d</c>; a shift by whole pixels rolls the image.</summary>
    Wrap = 3,
}
