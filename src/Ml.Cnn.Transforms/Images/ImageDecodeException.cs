namespace Ml.Cnn.Transforms;

/// <summary>
/// An image file that could not be read or decoded while its batch was prepared: the message names the file, its row and
/// what went wrong. The file passed the header check when the data was loaded, so its content is corrupt, or it was
/// changed or removed since.
/// </summary>
public sealed class ImageDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The image file.</param>
    /// <param name="row">The row of the image column (0-based) that the file belongs to.</param>
    /// <param name="message">What went wrong, e.g. the decoder's message.</param>
    /// <param name="innerException">The decoder's or the file system's exception, if any.</param>
    public ImageDecodeException(string path, int row, string message, Exception? innerException = null)
        : base($"Image '{path}' (row {row}) could not be decoded: {message?.TrimEnd('.')}. Replace or remove the file and load the data again.",
            innerException)
    {
        FilePath = path;
        Row = row;
        Reason = message?.TrimEnd('.') ?? "";
    }

    /// <summary>The image file at fault.</summary>
    public string FilePath { get; }

    /// <summary>The row of the image column (0-based) that the file belongs to.</summary>
    public int Row { get; }

    /// <summary>What went wrong, without the file and row (e.g. the decoder's message).</summary>
    public string Reason { get; }
}
