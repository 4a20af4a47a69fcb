using Ml.Cnn.Legacy;
using Ml.Cnn.Engine;

namespace Ml.Cnn.Transforms;

/// <summary>
/// An image column over files: it holds paths and decodes the rows a batch asks for (in parallel) to one
/// <see cref="ImageColumn.Shape"/>, resizing with <see cref="Resize"/>. Only the decoded batches are in memory, so a data
/// set larger than memory streams from disk; <see cref="Select"/> keeps paths, not pixels.
/// </summary>
public sealed class ImageFileColumn : ImageColumn
{
    private readonly string[] _paths;

    /// <summary>Creates a column over image files (PNG, JPEG, BMP or GIF).</summary>
    /// <param name="name">Column name; <see cref="DefaultColumnNames.Image"/> by convention.</param>
    /// <param name="paths">One file per row (not checked here; <c>LoadImagesFromFolder</c> and <c>LoadImagesFromTable</c> check headers).</param>
    /// <param name="shape">The shape every image is decoded to; its channels are the color mode (1 gray, 3 RGB, 4 RGBA).</param>
    /// <param name="resize">How images of another size are resized to the shape.</param>
    /// <param name="summary">What the load that found the files did; null describes <paramref name="paths"/> alone.</param>
    /// <param name="skipUnreadable">
    /// A file that fails to decode when a batch is read becomes a blank (all-zero) image recorded in
    /// <see cref="ImageLoadSummary.DecodeFailures"/>, instead of an <see cref="ImageDecodeException"/>.
    /// </param>
    public ImageFileColumn(string name, IReadOnlyList<string> paths, ImageShape shape, ResizeMode resize, ImageLoadSummary? summary = null,
        bool skipUnreadable = false)
        : base(name, shape)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (shape.Channels is not (1 or 3 or 4))
            throw new ArgumentException($"Image column '{name}': {shape.Channels} channels; image files decode to 1 (gray), 3 (RGB) or 4 (RGBA).", nameof(shape));
        if (!Enum.IsDefined(resize)) throw new ArgumentException($"Image column '{name}': unknown resize mode {resize}.", nameof(resize));
        _paths = paths.ToArray();
        for (var i = 0; i < _paths.Length; i++)
            if (string.IsNullOrWhiteSpace(_paths[i])) throw new ArgumentException($"Image column '{name}': row {i} has an empty path.", nameof(paths));
        Resize = resize;
        Summary = summary ?? new ImageLoadSummary(_paths.Length, 0, [], []);
        SkipUnreadable = skipUnreadable;
    }

    /// <summary>The image file of each row.</summary>
    public IReadOnlyList<string> Paths => _paths;

    /// <summary>How images of another size are resized to <see cref="ImageColumn.Shape"/>.</summary>
    public ResizeMode Resize { get; }

    /// <summary>What the load that found the files did (kept by <see cref="Select"/>, so it describes the whole load).</summary>
    public ImageLoadSummary Summary { get; }

    /// <summary>Whether a file that fails to decode reads as a blank image (recorded in the summary) instead of throwing.</summary>
    public bool SkipUnreadable { get; }

    /// <inheritdoc />
    public override int RowCount => _paths.Length;

    /// <inheritdoc />
    public override string TypeName => $"Image {Shape} (files)";

    /// <summary>
    /// Reads and decodes the given rows, in parallel, into <paramref name="destination"/> (row after row, CHW uint8). A file
    /// that cannot be read or decoded raises an <see cref="ImageDecodeException"/> naming it and its row, or with
    /// <see cref="SkipUnreadable"/> reads as zeros and is recorded in <see cref="ImageLoadSummary.DecodeFailures"/>.
    /// </summary>
    /// <param name="rows">Row indices.</param>
    /// <param name="destination">At least <c>rows.Length * Shape.Size</c> bytes.</param>
    public override unsafe void CopyRows(ReadOnlySpan<int> rows, Span<byte> destination)
    {
        var size = Shape.Size;
        if (destination.Length < (long)rows.Length * size)
            throw new ArgumentException(
                $"Image column '{Name}': {rows.Length} rows of {Shape} need {(long)rows.Length * size} bytes; the destination holds {destination.Length}.",
                nameof(destination));
        foreach (var row in rows)
            if ((uint)row >= (uint)_paths.Length)
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"Image column '{Name}': row index outside 0..{_paths.Length - 1}.");
        var wanted = rows.ToArray();
        ImageDecodeException? failure = null;
        var failedAt = int.MaxValue;
        var gate = new Lock();
        fixed (byte* start = destination)
        {
            var address = (nint)start;
            Parallel.For(0, wanted.Length, (i, state) =>
            {
                var image = new Span<byte>((byte*)address + (long)i * size, size);
                var error = Decode(wanted[i], image);
                if (error is null) return;
                if (SkipUnreadable)
                {
                    image.Clear();
                    Summary.RecordDecodeFailure(error.FilePath, error.Reason);
                    return;
                }
                lock (gate)
                    if (i < failedAt) (failedAt, failure) = (i, error);
                state.Stop();
            });
        }
        if (failure is not null) throw failure;
    }

    /// <inheritdoc />
    public override DataColumn Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var paths = new string[rows.Count];
        for (var i = 0; i < paths.Length; i++) paths[i] = _paths[rows[i]];
        return new ImageFileColumn(Name, paths, Shape, Resize, Summary, SkipUnreadable);
    }

    private ImageDecodeException? Decode(int row, Span<byte> destination)
    {
        var path = _paths[row];
        try
        {
            ImageCodec.Decode(File.ReadAllBytes(path), Shape, Resize, destination);
            return null;
        }
        catch (CnnNativeException e)
        {
            return new ImageDecodeException(path, row, e.NativeMessage, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ImageDecodeException(path, row, e.Message, e);
        }
    }
}
