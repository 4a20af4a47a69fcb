using System.Data.Common;
using Npgsql;

namespace Ml.Cnn.Sweeps;

/// <summary>
/// Studies in a PostgreSQL database (Npgsql) that workers on many machines share: schema creation serialized by an
/// advisory lock; a claim holds the study's row with <c>SELECT ... FOR UPDATE</c> for its transaction, so trials are
/// numbered and handed out one at a time and none runs twice.
/// </summary>
public sealed class PostgresTrialStorage : SqlTrialStorage
{
    /// <summary>The advisory lock key that serializes schema creation ("mlcnn" in ASCII).</summary>
    private const long SchemaLock = 0x6D6C636E6E;

    private readonly NpgsqlDataSource _source;

    /// <summary>Connects with an Npgsql connection string (e.g. <c>Host=db;Database=sweeps;Username=mlcnn</c>).</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public PostgresTrialStorage(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"postgres:Host={builder.Host};Port={builder.Port};Database={builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
    }

    /// <inheritdoc/>
    public override string Description { get; }

    /// <inheritdoc/>
    protected override string NowSql => "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    /// <inheritdoc/>
    protected override string IdColumn => "id BIGSERIAL PRIMARY KEY";

    /// <inheritdoc/>
    protected override DbConnection Connect()
    {
        try
        {
            return _source.OpenConnection();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"{Description}: cannot connect ({e.Message}). Check that the server runs and the connection string.", e);
        }
    }

    /// <inheritdoc/>
    protected override DbTransaction BeginSchemaTransaction(DbConnection connection)
    {
        var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ("key", SchemaLock));
        return transaction;
    }

    /// <inheritdoc/>
    protected override DbTransaction BeginClaimTransaction(DbConnection connection, long studyId)
    {
        var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "SELECT id FROM mlcnn_studies WHERE id = @id FOR UPDATE", ("id", studyId));
        return transaction;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _source.Dispose();
    }
}
