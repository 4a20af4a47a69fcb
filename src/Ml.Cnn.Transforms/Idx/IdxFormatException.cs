namespace Ml.Cnn.Transforms;

/// <summary>An IDX file that is missing, malformed or inconsistent; the message names the file and what to do.</summary>
public sealed class IdxFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The exception that revealed the problem, if any.</param>
    public IdxFormatException(string path, string problem, Exception? innerException = null) : base($"{path}: {problem}", innerException) =>
        FilePath = path;

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }
}
