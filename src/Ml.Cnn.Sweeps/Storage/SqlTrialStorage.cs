using System.Data;
using System.Data.Common;
using System.Globalization;

namespace Ml.Cnn.Sweeps;

/// <summary>
/// The schema and queries shared by the SQL storages (version <see cref="SchemaVersion"/>, created on first use):
/// <c>mlcnn_schema(version)</c>, <c>mlcnn_studies</c> (name, metric, direction, space JSON, sampler, pruner, seed),
/// <c>mlcnn_trials</c> (study, number unique per study, state, parameters JSON, seed, value, worker, host, process,
/// started, finished, heartbeat, model path, message) and <c>mlcnn_trial_epochs</c> (trial, epoch, value, seconds).
/// Times are UTC ISO 8601 text. A dialect supplies connections, the id column and the claim lock.
/// </summary>
public abstract class SqlTrialStorage : ITrialStorage
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int SchemaVersion = 1;

    /// <inheritdoc/>
    public abstract string Description { get; }

    /// <summary>A new open connection (each call its own: connections are not shared between threads).</summary>
    protected abstract DbConnection Connect();

    /// <summary>
    /// An SQL expression of the database's current UTC time as ISO 8601 text: heartbeats are stamped and judged by the
    /// database's clock, so workers whose clocks differ do not take each other for dead.
    /// </summary>
    protected abstract string NowSql { get; }

    /// <summary>The DDL of an auto-numbered 64-bit primary key column named id.</summary>
    protected abstract string IdColumn { get; }

    /// <summary>Begins a transaction that serializes schema creation among workers.</summary>
    protected abstract DbTransaction BeginSchemaTransaction(DbConnection connection);

    /// <summary>Begins a transaction that holds the study's claim lock until it ends, so no two workers number or run the same trial.</summary>
    protected abstract DbTransaction BeginClaimTransaction(DbConnection connection, long studyId);

    /// <inheritdoc/>
    public StudyHandle OpenStudy(StudyDefinition definition)
    {
        using var connection = Connect();
        EnsureSchema(connection);
        using var transaction = BeginSchemaTransaction(connection);
        var created = Execute(connection, transaction,
            "INSERT INTO mlcnn_studies (name, metric, maximize, space, sampler, pruner, seed, created) " +
            "VALUES (@name, @metric, @maximize, @space, @sampler, @pruner, @seed, @created) ON CONFLICT (name) DO NOTHING",
            ("name", definition.Name), ("metric", definition.Metric), ("maximize", definition.Maximize ? 1 : 0), ("space", definition.Space.ToJson()),
            ("sampler", definition.Sampler), ("pruner", definition.Pruner), ("seed", definition.Seed), ("created", Now())) == 1;
        using var command = Command(connection, transaction, "SELECT id, metric, maximize, space FROM mlcnn_studies WHERE name = @name", ("name", definition.Name));
        using var reader = command.ExecuteReader();
        reader.Read();
        var (id, metric, maximize, space) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2) == 1, reader.GetString(3));
        reader.Close();
        transaction.Commit();
        if (metric != definition.Metric || maximize != definition.Maximize)
            throw new InvalidOperationException($"Study '{definition.Name}' in {Description} compares {metric} ({(maximize ? "larger" : "smaller")} is better); " +
                $"this run asks for {definition.Metric}. Use the study's metric or another study name.");
        if (space != definition.Space.ToJson())
            throw new InvalidOperationException($"Study '{definition.Name}' in {Description} was created with another search space ({space}). " +
                "Use the same space to continue it, or another study name.");
        return new StudyHandle(id, definition, created);
    }

    /// <inheritdoc/>
    public ClaimResult Claim(StudyHandle study, int target, WorkerIdentity worker, TimeSpan staleAfter,
        Func<IReadOnlyList<TrialRecord>, int, (TrialParameters Parameters, int Seed)> sample)
    {
        using var connection = Connect();
        using var transaction = BeginClaimTransaction(connection, study.Id);
        var now = Parse(Convert.ToString(Scalar(connection, transaction, $"SELECT {NowSql}"), CultureInfo.InvariantCulture))!.Value;
        foreach (var (trialId, reason) in DeadTrials(connection, transaction, study, worker, now, staleAfter))
            Execute(connection, transaction, "UPDATE mlcnn_trials SET state = @state, finished = @now, message = @message WHERE id = @id",
                ("state", nameof(TrialState.Failed)), ("now", Now()), ("message", reason), ("id", trialId));
        var trials = ReadTrials(connection, transaction, study);
        var finished = trials.Count(t => t.IsFinished);
        var running = trials.Count(t => t.State == TrialState.Running);
        if (finished + running >= target)
        {
            transaction.Commit();
            return new ClaimResult(null, finished, running);
        }
        var number = trials.Count == 0 ? 0 : trials.Max(t => t.Number) + 1;
        var (parameters, seed) = sample(trials, number);
        var stamp = Now();
        var id = Convert.ToInt64(Scalar(connection, transaction,
            "INSERT INTO mlcnn_trials (study_id, number, state, params, seed, worker, host, pid, started, heartbeat) " +
            $"VALUES (@study, @number, @state, @params, @seed, @worker, @host, @pid, @started, {NowSql}) RETURNING id",
            ("study", study.Id), ("number", number), ("state", nameof(TrialState.Running)), ("params", parameters.ToJson()), ("seed", seed),
            ("worker", worker.ToString()), ("host", worker.Host), ("pid", worker.ProcessId), ("started", stamp)), CultureInfo.InvariantCulture);
        transaction.Commit();
        var record = new TrialRecord(id, number, TrialState.Running, parameters, seed, null, [], worker.ToString(), Parse(stamp)!.Value, null, null, null);
        return new ClaimResult(record, finished, running);
    }

    /// <inheritdoc/>
    public void ReportEpoch(long trialId, int epoch, double value, double seconds)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, "INSERT INTO mlcnn_trial_epochs (trial_id, epoch, value, seconds) VALUES (@id, @epoch, @value, @seconds)",
            ("id", trialId), ("epoch", epoch), ("value", value), ("seconds", seconds));
        Execute(connection, transaction, $"UPDATE mlcnn_trials SET heartbeat = {NowSql} WHERE id = @id AND state = @running",
            ("id", trialId), ("running", nameof(TrialState.Running)));
        transaction.Commit();
    }

    /// <inheritdoc/>
    public void Heartbeat(long trialId)
    {
        using var connection = Connect();
        Execute(connection, null, $"UPDATE mlcnn_trials SET heartbeat = {NowSql} WHERE id = @id AND state = @running",
            ("id", trialId), ("running", nameof(TrialState.Running)));
    }

    /// <inheritdoc/>
    public bool Finish(long trialId, TrialState state, double? value, string? message)
    {
        using var connection = Connect();
        return Execute(connection, null,
            "UPDATE mlcnn_trials SET state = @state, value = @value, finished = @now, message = @message WHERE id = @id AND state = @running",
            ("state", state.ToString()), ("value", value), ("now", Now()), ("message", message), ("id", trialId), ("running", nameof(TrialState.Running))) == 1;
    }

    /// <inheritdoc/>
    public void SetModelPath(long trialId, string path)
    {
        using var connection = Connect();
        Execute(connection, null, "UPDATE mlcnn_trials SET model_path = @path WHERE id = @id", ("path", path), ("id", trialId));
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrialRecord> Trials(StudyHandle study)
    {
        using var connection = Connect();
        return ReadTrials(connection, null, study);
    }

    /// <inheritdoc/>
    public IReadOnlyList<double> ValuesAtEpoch(StudyHandle study, int epoch)
    {
        using var connection = Connect();
        using var command = Command(connection, null,
            "SELECT e.value FROM mlcnn_trial_epochs e JOIN mlcnn_trials t ON t.id = e.trial_id WHERE t.study_id = @study AND e.epoch = @epoch AND t.state <> @failed",
            ("study", study.Id), ("epoch", epoch), ("failed", nameof(TrialState.Failed)));
        using var reader = command.ExecuteReader();
        var values = new List<double>();
        while (reader.Read()) values.Add(reader.GetDouble(0));
        return values;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the storage's resources.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    private void EnsureSchema(DbConnection connection)
    {
        using var transaction = BeginSchemaTransaction(connection);
        foreach (var statement in new[]
        {
            "CREATE TABLE IF NOT EXISTS mlcnn_schema (version INTEGER NOT NULL)",
            $"CREATE TABLE IF NOT EXISTS mlcnn_studies ({IdColumn}, name TEXT NOT NULL UNIQUE, metric TEXT NOT NULL, maximize INTEGER NOT NULL, " +
            "space TEXT NOT NULL, sampler TEXT NOT NULL, pruner TEXT NOT NULL, seed INTEGER NOT NULL, created TEXT NOT NULL)",
            $"CREATE TABLE IF NOT EXISTS mlcnn_trials ({IdColumn}, study_id BIGINT NOT NULL REFERENCES mlcnn_studies (id), number INTEGER NOT NULL, " +
            "state TEXT NOT NULL, params TEXT NOT NULL, seed INTEGER NOT NULL, value DOUBLE PRECISION NULL, worker TEXT NOT NULL, host TEXT NOT NULL, " +
            "pid INTEGER NOT NULL, started TEXT NOT NULL, finished TEXT NULL, heartbeat TEXT NOT NULL, model_path TEXT NULL, message TEXT NULL, " +
            "UNIQUE (study_id, number))",
            "CREATE TABLE IF NOT EXISTS mlcnn_trial_epochs (trial_id BIGINT NOT NULL REFERENCES mlcnn_trials (id), epoch INTEGER NOT NULL, " +
            "value DOUBLE PRECISION NOT NULL, seconds DOUBLE PRECISION NOT NULL, PRIMARY KEY (trial_id, epoch))",
        })
            Execute(connection, transaction, statement);
        var version = Scalar(connection, transaction, "SELECT MAX(version) FROM mlcnn_schema");
        if (version is null or DBNull) Execute(connection, transaction, "INSERT INTO mlcnn_schema (version) VALUES (@v)", ("v", SchemaVersion));
        else if (Convert.ToInt32(version, CultureInfo.InvariantCulture) is var found && found != SchemaVersion)
            throw new InvalidOperationException($"{Description} holds sweep schema version {found}; this MlCnn reads version {SchemaVersion}. " +
                "Use the MlCnn version that created it, or another storage.");
        transaction.Commit();
    }

    /// <summary>The study's running trials whose worker is dead (a process of this host that has ended, or no heartbeat for staleAfter), with why.</summary>
    private List<(long Id, string Reason)> DeadTrials(DbConnection connection, DbTransaction transaction, StudyHandle study, WorkerIdentity worker,
        DateTime now, TimeSpan staleAfter)
    {
        var dead = new List<(long, string)>();
        using var command = Command(connection, transaction, "SELECT id, worker, host, pid, heartbeat FROM mlcnn_trials WHERE study_id = @study AND state = @running",
            ("study", study.Id), ("running", nameof(TrialState.Running)));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var (host, pid, heartbeat) = (reader.GetString(2), reader.GetInt32(3), Parse(reader.GetString(4))!.Value);
            if (host == worker.Host && pid != worker.ProcessId && !WorkerIdentity.IsAlive(pid))
                dead.Add((reader.GetInt64(0), $"its worker (process {pid} on {host}) ended before the trial did"));
            else if (now - heartbeat > staleAfter)
                dead.Add((reader.GetInt64(0), FormattableString.Invariant($"its worker ({reader.GetString(1)}) sent no heartbeat for {(now - heartbeat).TotalSeconds:F0} s")));
        }
        return dead;
    }

    private List<TrialRecord> ReadTrials(DbConnection connection, DbTransaction? transaction, StudyHandle study)
    {
        var epochs = new Dictionary<long, List<double>>();
        using (var command = Command(connection, transaction,
            "SELECT e.trial_id, e.value FROM mlcnn_trial_epochs e JOIN mlcnn_trials t ON t.id = e.trial_id WHERE t.study_id = @study ORDER BY e.trial_id, e.epoch",
            ("study", study.Id)))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
            {
                if (!epochs.TryGetValue(reader.GetInt64(0), out var list)) epochs[reader.GetInt64(0)] = list = [];
                list.Add(reader.GetDouble(1));
            }
        var trials = new List<TrialRecord>();
        using (var command = Command(connection, transaction,
            "SELECT id, number, state, params, seed, value, worker, started, finished, model_path, message FROM mlcnn_trials WHERE study_id = @study ORDER BY number",
            ("study", study.Id)))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                trials.Add(new TrialRecord(id, reader.GetInt32(1), Enum.Parse<TrialState>(reader.GetString(2)),
                    TrialParameters.FromJson(reader.GetString(3), study.Definition.Space), reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetDouble(5), epochs.TryGetValue(id, out var values) ? values : [], reader.GetString(6),
                    Parse(reader.GetString(7))!.Value, reader.IsDBNull(8) ? null : Parse(reader.GetString(8)),
                    reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
            }
        return trials;
    }

    private static string Now() => DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static DateTime? Parse(string? text) =>
        text is null ? null : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();

    /// <summary>A command with named parameters (null values become DBNull).</summary>
    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>Runs a statement; returns the rows it changed.</summary>
    protected static int Execute(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar();
    }
}
