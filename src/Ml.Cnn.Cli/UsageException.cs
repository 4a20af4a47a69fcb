namespace Ml.Cnn.Cli;

/// <summary>A command line asking for something impossible (a value out of range, an unknown choice): one line on stderr, exit code 2.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The error, naming the flag, e.g. "--epochs must be between 1 and 100000 (got 0).".</param>
    /// <param name="innerException">The library's exception it was translated from, if any.</param>
    public UsageException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
