namespace Ml.Cnn.Sweeps;

/// <summary>Opens a storage from its CLI form.</summary>
public static class TrialStorage
{
    /// <summary>
    /// <c>sqlite:FILE</c> opens (creating) a SQLite file; <c>postgres:CONNECTION-STRING</c> connects to PostgreSQL
    /// (e.g. <c>postgres:Host=db;Database=sweeps;Username=mlcnn</c>).
    /// </summary>
    /// <param name="text">The storage.</param>
    /// <exception cref="ArgumentException">The text names no known kind or gives no file or connection string.</exception>
    public static ITrialStorage Open(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':');
        var (kind, rest) = colon < 0 ? (text, "") : (text[..colon], text[(colon + 1)..]);
        if (rest.Length == 0 || (kind != "sqlite" && kind != "postgres"))
            throw new ArgumentException($"--storage must be sqlite:FILE or postgres:\"Host=...;Database=...;Username=...\" (got '{text}').");
        return kind == "sqlite" ? new SqliteTrialStorage(rest) : new PostgresTrialStorage(rest);
    }
}
