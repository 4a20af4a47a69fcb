namespace Ml.Cnn;

/// <summary>An image column: uint8 pixels of equal-sized images, stored row after row in CHW order.</summary>
public sealed class ImageColumn : DataColumn
{
    private readonly byte[] _pixels;

    /// <summary>Creates an image column over a pixel buffer (not copied).</summary>
    /// <param name="name">Column name; <see cref="DefaultColumnNames.Image"/> by convention.</param>
    /// <param name="shape">The shape of every image.</param>
    /// <param name="pixels">Row-major pixels; its length must be a multiple of <see cref="ImageShape.Size"/>.</param>
    public ImageColumn(string name, ImageShape shape, byte[] pixels) : base(name)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        shape.Validate();
        if (pixels.Length % shape.Size != 0)
            throw new ArgumentException(
                $"Image column '{name}': {pixels.Length} bytes is not a whole number of {shape} images ({shape.Size} bytes each).",
                nameof(pixels));
        Shape = shape;
        _pixels = pixels;
    }

    /// <summary>The shape of every image.</summary>
    public ImageShape Shape { get; }

    /// <summary>All pixels, row after row.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <inheritdoc />
    public override int RowCount => _pixels.Length / Shape.Size;

    /// <inheritdoc />
    public override string TypeName => $"Image {Shape}";

    /// <summary>The pixels of one row.</summary>
    /// <param name="row">Row index.</param>
    public ReadOnlySpan<byte> GetImage(int row) => _pixels.AsSpan(row * Shape.Size, Shape.Size);

    /// <summary>Copies the given rows, in order, into <paramref name="destination"/>.</summary>
    /// <param name="rows">Row indices.</param>
    /// <param name="destination">At least <c>rows.Count * Shape.Size</c> bytes.</param>
    public void CopyRows(ReadOnlySpan<int> rows, Span<byte> destination)
    {
        var size = Shape.Size;
        for (var i = 0; i < rows.Length; i++)
            _pixels.AsSpan(rows[i] * size, size).CopyTo(destination.Slice(i * size, size));
    }

    /// <inheritdoc />
    public override DataColumn Select(IReadOnlyList<int> rows)
    {
        var copy = new byte[rows.Count * Shape.Size];
        CopyRows(rows.ToArray(), copy);
        return new ImageColumn(Name, Shape, copy);
    }
}
