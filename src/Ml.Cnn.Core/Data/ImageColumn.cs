using Ml.Cnn.Legacy;
namespace Ml.Cnn;

/// <summary>
/// An image column: uint8 CHW pixels of equal-sized images. This class holds them in memory, row after row; subclasses
/// (such as image files decoded on demand) override <see cref="CopyRows"/>, <see cref="RowCount"/> and <see cref="Select"/>
/// so a trainer reads only the batches it needs.
/// </summary>
public class ImageColumn : DataColumn
{
    private readonly byte[]? _pixels;

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

    /// <summary>For subclasses that produce pixels on demand.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="shape">The shape every image is decoded to.</param>
    protected ImageColumn(string name, ImageShape shape) : base(name)
    {
        shape.Validate();
        Shape = shape;
    }

    /// <summary>The shape of every image.</summary>
    public ImageShape Shape { get; }

    /// <summary>True when the pixels are held in memory (<see cref="Pixels"/> is available).</summary>
    public bool InMemory => _pixels is not null;

    /// <summary>All pixels, row after row (in-memory columns only; use <see cref="CopyRows"/> otherwise).</summary>
    public ReadOnlySpan<byte> Pixels => _pixels ?? throw new InvalidOperationException(
        $"Image column '{Name}' decodes its images on demand; read them with CopyRows.");

    /// <inheritdoc />
    public override int RowCount => _pixels!.Length / Shape.Size;

    /// <inheritdoc />
    public override string TypeName => $"Image {Shape}";

    /// <summary>The pixels of one row.</summary>
    /// <param name="row">Row index.</param>
    public virtual ReadOnlySpan<byte> GetImage(int row)
    {
        if (_pixels is not null) return _pixels.AsSpan(row * Shape.Size, Shape.Size);
        var image = new byte[Shape.Size];
        CopyRows([row], image);
        return image;
    }

    /// <summary>Copies the given rows, in order, into <paramref name="destination"/>.</summary>
    /// <param name="rows">Row indices.</param>
    /// <param name="destination">At least <c>rows.Count * Shape.Size</c> bytes.</param>
    public virtual void CopyRows(ReadOnlySpan<int> rows, Span<byte> destination)
    {
        var size = Shape.Size;
        if (_pixels is null) throw new InvalidOperationException($"Image column '{Name}' must override CopyRows.");
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
