namespace Ml.Cnn.Model;

/// <summary>A model file that cannot be read: missing, corrupt, or written by a newer format version.</summary>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="problem">What is wrong and what to do.</param>
    /// <param name="inner">The cause, if any.</param>
    public ModelFileException(string path, string problem, Exception? inner = null) : base($"{path}: {problem}", inner) => FilePath = path;

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }
}
