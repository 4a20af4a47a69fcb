namespace Ml.Cnn.Augmentation;

/// <summary>
/// A 2x3 sampling transform in pixel units relative to the image center: an output pixel at p samples the input at
/// A·p + t. <see cref="ToTheta"/> turns it into affine_grid's normalized theta (align_corners = false).
/// </summary>
internal readonly record struct AffineMatrix(double A, double B, double C, double D, double Tx, double Ty)
{
    public static AffineMatrix Identity => new(1, 0, 0, 1, 0, 0);

    /// <summary>Content rotated by <paramref name="degrees"/> counter-clockwise as displayed (y pointing down).</summary>
    public static AffineMatrix Rotation(double degrees)
    {
        var r = degrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(r), Math.Sin(r));
        return new(cos, -sin, sin, cos, 0, 0);
    }

    /// <summary>Content moved right by <paramref name="dx"/> and down by <paramref name="dy"/> pixels.</summary>
    public static AffineMatrix Shift(double dx, double dy) => new(1, 0, 0, 1, -dx, -dy);

    /// <summary>Keras' shear by <paramref name="degrees"/>.</summary>
    public static AffineMatrix Shear(double degrees)
    {
        var s = degrees * Math.PI / 180;
        return new(1, -Math.Sin(s), 0, Math.Cos(s), 0, 0);
    }

    /// <summary>Keras' zoom: factors below 1 magnify (the output samples a smaller region).</summary>
    public static AffineMatrix Zoom(double zx, double zy) => new(zx, 0, 0, zy, 0, 0);

    /// <summary>Mirror horizontally and/or vertically.</summary>
    public static AffineMatrix Flip(bool horizontal, bool vertical) => new(horizontal ? -1 : 1, 0, 0, vertical ? -1 : 1, 0, 0);

    /// <summary>This sampling followed by <paramref name="inner"/> applied first to output coordinates: this ∘ inner.</summary>
    public AffineMatrix Then(AffineMatrix inner) => new(
        A * inner.A + B * inner.C, A * inner.B + B * inner.D,
        C * inner.A + D * inner.C, C * inner.B + D * inner.D,
        A * inner.Tx + B * inner.Ty + Tx, C * inner.Tx + D * inner.Ty + Ty);

    /// <summary>Writes affine_grid's theta (row-major 2x3) for a width x height image.</summary>
    public void ToTheta(double width, double height, Span<float> theta)
    {
        var (sx, sy) = (width / 2, height / 2);
        theta[0] = (float)A;
        theta[1] = (float)(B * sy / sx);
        theta[2] = (float)(Tx / sx);
        theta[3] = (float)(C * sx / sy);
        theta[4] = (float)D;
        theta[5] = (float)(Ty / sy);
    }
}
