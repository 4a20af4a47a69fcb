using System.Diagnostics;

namespace Ml.Cnn.Tests.Shared;

/// <summary>
/// The PostgreSQL server of the sweep tests: MLCNN_POSTGRES's connection string when set (scripts/test.sh starts one),
/// else a server this fixture starts with scripts/postgres.sh on a folder and port of this test assembly, stopped on dispose.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly Dictionary<string, string>? _started;

    public PostgresServer()
    {
        if (Environment.GetEnvironmentVariable("MLCNN_POSTGRES") is { Length: > 0 } given)
        {
            ConnectionString = given;
            return;
        }
        var name = typeof(PostgresServer).Assembly.GetName().Name!;
        _started = new Dictionary<string, string>
        {
            ["MLCNN_PG_DIR"] = Path.Combine(Path.GetTempPath(), "mlcnn-postgres-" + name),
            ["MLCNN_PG_PORT"] = (56000 + (int)((uint)name.GetHashCode() % 900)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        ConnectionString = Script("start").Trim();
    }

    /// <summary>The Npgsql connection string of the test database.</summary>
    public string ConnectionString { get; }

    public void Dispose()
    {
        if (_started is not null) Script("stop");
    }

    private string Script(string command)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "postgres.sh"));
        info.ArgumentList.Add(command);
        foreach (var (key, value) in _started!) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/postgres.sh {command} failed: {errors.Result}");
        return output.Result;
    }
}
