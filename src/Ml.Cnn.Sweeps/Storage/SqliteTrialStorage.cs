using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Ml.Cnn.Sweeps;

/// <summary>
/// Studies in one SQLite file (the default storage; Microsoft.Data.Sqlite): write-ahead logging so readers do not block
/// the writer, claims in <c>BEGIN IMMEDIATE</c> transactions (one writer at a time across processes), a 60 s busy timeout.
/// For workers on one machine; many machines share a <see cref="PostgresTrialStorage"/>.
/// </summary>
public sealed class SqliteTrialStorage : SqlTrialStorage
{
    private readonly string _connectionString;

    /// <summary>Opens (creating when missing) the SQLite file <paramref name="path"/>.</summary>
    /// <param name="path">The database file.</param>
    public SqliteTrialStorage(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { } folder && !Directory.Exists(folder))
            throw new DirectoryNotFoundException($"sqlite:{path}: the folder {folder} does not exist; create it or give another file.");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 60 }.ToString();
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL";
        command.ExecuteNonQuery();
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string Description => $"sqlite:{Path}";

    /// <inheritdoc/>
    protected override string NowSql => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    /// <inheritdoc/>
    protected override string IdColumn => "id INTEGER PRIMARY KEY AUTOINCREMENT";

    /// <inheritdoc/>
    protected override DbConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 60000; PRAGMA foreign_keys = ON";
            command.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidOperationException($"{Description}: cannot open the database ({e.Message}).", e);
        }
    }

    /// <inheritdoc/>
    protected override DbTransaction BeginSchemaTransaction(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    /// <inheritdoc/>
    protected override DbTransaction BeginClaimTransaction(DbConnection connection, long studyId) => ((SqliteConnection)connection).BeginTransaction(deferred: false);
}
