using Ml.Cnn.Engine;

namespace Ml.Cnn.Features;

/// <summary>
/// An image column that holds encoded files (what <c>LoadRawImageBytes</c> read) and decodes the rows a batch needs,
/// in parallel, when the trainer copies them: memory holds the files' bytes, never every decoded image.
/// </summary>
public sealed class EncodedImageColumn : ImageColumn
{
    private readonly IReadOnlyList<byte[]> _encoded;
    private readonly IReadOnlyList<long> _rows;
    private readonly ResizeMode _resize;

    /// <summary>Creates the column.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="shape">The shape every image is decoded to.</param>
    /// <param name="resize">How images of another size are fitted.</param>
    /// <param name="encoded">The files' bytes, one per row.</param>
    /// <param name="rows">The row each image came from in the source data, for messages.</param>
    public EncodedImageColumn(string name, ImageShape shape, ResizeMode resize, IReadOnlyList<byte[]> encoded, IReadOnlyList<long> rows)
        : base(name, shape)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(rows);
        if (encoded.Count != rows.Count) throw new ArgumentException("One source row per image is needed.", nameof(rows));
        _encoded = encoded;
        _rows = rows;
        _resize = resize;
    }

    /// <inheritdoc />
    public override int RowCount => _encoded.Count;

    /// <inheritdoc />
    public override void CopyRows(ReadOnlySpan<int> rows, Span<byte> destination)
    {
        var size = Shape.Size;
        var files = new byte[rows.Length][];
        var sources = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            files[i] = _encoded[rows[i]];
            sources[i] = _rows[rows[i]];
        }
        var buffer = new byte[rows.Length * size];
        ImageFeatureReader.DecodeAll(files, sources, Name, Shape, _resize, buffer);
        buffer.CopyTo(destination);
    }

    /// <inheritdoc />
    public override DataColumn Select(IReadOnlyList<int> rows) =>
        new EncodedImageColumn(Name, Shape, _resize, rows.Select(r => _encoded[r]).ToArray(), rows.Select(r => _rows[r]).ToArray());
}
