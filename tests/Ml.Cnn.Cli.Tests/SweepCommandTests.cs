using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Cli.Tests;

/// <summary><c>mlcnn sweep</c>: the contract's flags and --json fields, reruns, refusals, and killed workers on SQLite and PostgreSQL.</summary>
public sealed class SweepCommandTests(PostgresServer postgres) : IDisposable, IClassFixture<PostgresServer>
{
    private const string Space = """{"learning-rate": {"loguniform": [1e-4, 3e-3]}, "batch-size": {"choice": [32, 64]}}""";
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private string SpaceFile(string json = Space)
    {
        var path = _temp.File($"space-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string[] Sweep(string data, string study, string storage, string space, int trials, params string[] more) =>
    [
        "sweep", "--data", data, "--study", study, "--storage", storage, "--space", space, "--trials", trials.ToString(),
        "--arch", "simple", "--device", "cpu", "--threads", "1", .. more,
    ];

    private static JsonElement LastJson(string stdout) => JsonDocument.Parse(stdout.TrimEnd().Split('\n')[^1]).RootElement;

    [Fact]
    public void A_sweep_ends_with_the_contract_json_writes_the_best_model_and_report_and_a_rerun_runs_nothing()
    {
        var data = FashionMnistSlice.Write(_temp, 600, 200);
        var storage = "sqlite:" + _temp.File("sweeps.db");
        var best = _temp.File("best.zip");
        var report = _temp.File("sweep.html");
        var args = Sweep(data, "contract", storage, SpaceFile(), 3, "--max-epochs", "2", "--sampler", "random", "--json", "--best-model", best, "--report", report);
        var (code, stdout, stderr) = FashionMnistSlice.Run(args);
        Assert.True(code == 0, stderr);
        var json = LastJson(stdout);
        Assert.Equal("contract", json.GetProperty("Study").GetString());
        Assert.Equal(3, json.GetProperty("Trials").GetInt32());
        Assert.Equal(3, json.GetProperty("Complete").GetInt32() + json.GetProperty("Pruned").GetInt32());
        Assert.Equal(0, json.GetProperty("Failed").GetInt32());
        var bestTrial = json.GetProperty("BestTrial");
        var number = bestTrial.GetProperty("Number").GetInt32();
        Assert.InRange(bestTrial.GetProperty("MicroAccuracy").GetDouble(), 0, 1);
        Assert.Equal(["learning-rate", "batch-size"], bestTrial.GetProperty("Params").EnumerateObject().Select(p => p.Name));
        var testAccuracy = json.GetProperty("Test").GetProperty("MicroAccuracy").GetDouble();
        Assert.Equal(3, stderr.Split('\n').Count(l => l.StartsWith("mlcnn: trial ", StringComparison.Ordinal)));
        Assert.Contains($"Test metrics of trial {number}", stdout);

        var evaluated = FashionMnistSlice.Run("evaluate", "--model", best, "--data", data, "--device", "cpu", "--json");
        Assert.True(evaluated.Code == 0, evaluated.Err);
        Assert.Equal(testAccuracy, LastJson(evaluated.Out).GetProperty("MicroAccuracy").GetDouble(), 10);
        var html = File.ReadAllText(report);
        Assert.Contains("<svg", html);
        Assert.Contains($"Trial {number}:", html);
        Assert.Equal(3, html.Split("<circle class=\"trial ").Length - 1);

        var again = FashionMnistSlice.Run(args);
        Assert.True(again.Code == 0, again.Err);
        Assert.DoesNotContain("mlcnn: trial ", again.Err);
        Assert.Equal(json.GetProperty("BestTrial").GetRawText(), LastJson(again.Out).GetProperty("BestTrial").GetRawText());
        Assert.Equal(3, LastJson(again.Out).GetProperty("Trials").GetInt32());
    }

    [Fact]
    public void The_same_seed_gives_the_same_sequence_of_parameters()
    {
        var data = FashionMnistSlice.Write(_temp, 300, 50);
        var space = SpaceFile();
        string Table(string file)
        {
            var (code, stdout, stderr) = FashionMnistSlice.Run(Sweep(data, "seeded", "sqlite:" + _temp.File(file), space, 4, "--max-epochs", "1", "--seed", "9", "--startup-trials", "2"));
            Assert.True(code == 0, stderr);
            return string.Join('\n', stdout.Split('\n').Where(l => l.Contains("learning-rate=")).Select(l => l[l.IndexOf("learning-rate=", StringComparison.Ordinal)..]));
        }
        var first = Table("a.db");
        Assert.Equal(4, first.Split('\n').Length);
        Assert.Equal(first, Table("b.db"));
    }

    [Theory]
    [InlineData(new string[0], 7)]
    [InlineData(new[] { "--epochs", "2" }, 2)]
    public void A_trial_trains_max_epochs_unless_epochs_is_fixed_lower(string[] fixedEpochs, int expected)
    {
        var data = FashionMnistSlice.Write(_temp, 100, 20);
        var models = _temp.File($"models-{expected}");
        var (code, stdout, stderr) = FashionMnistSlice.Run(Sweep(data, "epochs", "sqlite:" + _temp.File($"e{expected}.db"), SpaceFile(), 1,
            ["--max-epochs", "7", "--pruner", "none", "--json", "--models-dir", models, .. fixedEpochs]));
        Assert.True(code == 0, stderr);
        var best = LastJson(stdout).GetProperty("BestTrial");
        Assert.Equal(expected, best.GetProperty("Epochs").GetInt32());
        Assert.Equal(Path.Combine(models, "epochs-trial-0.zip"), best.GetProperty("ModelPath").GetString());
        Assert.True(File.Exists(Path.Combine(models, "epochs-trial-0.zip")));
    }

    [Theory]
    [InlineData("""{"learning-rat": {"uniform": [0.1, 0.2]}}""", "key 'learning-rat' is not an option of 'mlcnn train'")]
    [InlineData("""{"seed": {"int": [1, 5]}}""", "key 'seed' cannot be swept")]
    [InlineData("""{"learning-rate": {"uniform": [0.2, 0.1]}}""", "key 'learning-rate'")]
    [InlineData("""{"learning-rate": {"gauss": [0.2, 0.1]}}""", "unknown range kind 'gauss'")]
    public void Bad_spaces_are_refused_naming_the_key(string space, string expected)
    {
        var (code, _, stderr) = FashionMnistSlice.Run(Sweep(_temp.Path, "bad", "sqlite:" + _temp.File("s.db"), SpaceFile(space), 2));
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Theory]
    [InlineData("--learning-rate", "0.01", "--learning-rate is both swept")]
    [InlineData("--model", "m.zip", "--model is not a sweep option")]
    [InlineData("--arch", "nonet", "fixed option: Option '--arch'")]
    [InlineData("--epochs", "0", "--epochs")]
    public void Bad_fixed_options_are_refused_before_any_training(string flag, string value, string expected)
    {
        var (code, stdout, stderr) = FashionMnistSlice.Run(Sweep(_temp.Path, "bad", "sqlite:" + _temp.File("s.db"), SpaceFile(), 2, flag, value));
        Assert.NotEqual(0, code);
        Assert.Contains(expected, stderr);
        Assert.Equal("", stdout);
    }

    [Theory]
    [InlineData("--validation-fraction", "1")]
    [InlineData("--reduction-factor", "1")]
    [InlineData("--startup-trials", "1")]
    [InlineData("--workers", "0")]
    public void Sweep_flags_out_of_range_are_refused_naming_the_flag(string flag, string value)
    {
        var (code, _, stderr) = FashionMnistSlice.Run(Sweep(_temp.Path, "bad", "sqlite:" + _temp.File("s.db"), SpaceFile(), 2, flag, value));
        Assert.Equal(2, code);
        Assert.Contains(flag, stderr);
    }

    [Theory]
    [InlineData("mysql:db", "--storage must be sqlite:FILE or postgres:")]
    [InlineData("sqlite:/no/such/folder/s.db", "does not exist")]
    public void Bad_storages_are_refused(string storage, string expected)
    {
        var data = FashionMnistSlice.Write(_temp, 50, 10);
        var (code, _, stderr) = FashionMnistSlice.Run(Sweep(data, "bad", storage, SpaceFile(), 2));
        Assert.NotEqual(0, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void A_sweep_killed_mid_trial_continues_on_rerun_with_the_killed_trial_failed_and_its_slot_run_again()
    {
        var data = FashionMnistSlice.Write(_temp, 3000, 100);
        var file = _temp.File("kill.db");
        var args = Sweep(data, "killed", "sqlite:" + file, SpaceFile(), 3, "--max-epochs", "4", "--pruner", "none", "--sampler", "random", "--json");
        using var worker = CliProcess.Start(args);
        WaitForRunningTrial(() => RunningTrials(new SqliteConnection($"Data Source={file}"), worker.Process.Id), worker);
        worker.Process.Kill(entireProcessTree: true);
        worker.Process.WaitForExit();

        var (code, stdout, stderr) = FashionMnistSlice.Run(args);
        Assert.True(code == 0, stderr);
        var json = LastJson(stdout);
        Assert.Equal((3, 1), (json.GetProperty("Trials").GetInt32(), json.GetProperty("Failed").GetInt32()));
        Assert.Contains("failed", stdout);
        Assert.Equal(Enumerable.Range(0, 4), Numbers(new SqliteConnection($"Data Source={file}")));
    }

    [Fact]
    public void Two_processes_share_a_postgres_study_one_is_killed_and_the_counts_stay_exact()
    {
        var data = FashionMnistSlice.Write(_temp, 3000, 100);
        var study = "pg-" + Guid.NewGuid().ToString("N");
        var args = Sweep(data, study, "postgres:" + postgres.ConnectionString, SpaceFile(), 4, "--max-epochs", "4", "--pruner", "none", "--sampler", "random", "--json");
        using var killed = CliProcess.Start(args);
        using var survivor = CliProcess.Start(args);
        WaitForRunningTrial(() => RunningTrials(new Npgsql.NpgsqlConnection(postgres.ConnectionString), killed.Process.Id, study), killed);
        killed.Process.Kill(entireProcessTree: true);
        killed.Process.WaitForExit();
        Assert.True(survivor.Process.WaitForExit(240_000), "the surviving worker did not finish");
        survivor.Process.WaitForExit();
        Assert.True(survivor.Process.ExitCode == 0, survivor.Errors.ToString());
        var json = LastJson(survivor.Output.ToString());
        Assert.Equal((4, 1), (json.GetProperty("Trials").GetInt32(), json.GetProperty("Failed").GetInt32()));

        var (code, stdout, stderr) = FashionMnistSlice.Run(args);
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("mlcnn: trial ", stderr);
        Assert.Equal((4, 1), (LastJson(stdout).GetProperty("Trials").GetInt32(), LastJson(stdout).GetProperty("Failed").GetInt32()));
        Assert.Equal(Enumerable.Range(0, 5), Numbers(new Npgsql.NpgsqlConnection(postgres.ConnectionString), study));
        var workers = Workers(new Npgsql.NpgsqlConnection(postgres.ConnectionString), study);
        Assert.Contains(killed.Process.Id, workers);
        Assert.Contains(survivor.Process.Id, workers);
    }

    private static void WaitForRunningTrial(Func<long> running, CliProcess worker)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120) && !worker.Process.HasExited)
        {
            try
            {
                if (running() > 0) return;
            }
            catch (Exception e) when (e is SqliteException or Npgsql.NpgsqlException)
            {
                // The worker has not created the schema yet.
            }
            Thread.Sleep(50);
        }
        Assert.Fail($"the worker never had a running trial with an epoch reported: {worker.Errors}");
    }

    /// <summary>Running trials of the process that have reported an epoch (so it is killed mid-trial, not while claiming).</summary>
    private static long RunningTrials(System.Data.Common.DbConnection connection, int pid, string? study = null) =>
        Query(connection, "SELECT COUNT(*) FROM mlcnn_trials t JOIN mlcnn_studies s ON s.id = t.study_id WHERE t.state = 'Running' AND t.pid = @pid " +
            "AND (@study = '' OR s.name = @study) AND EXISTS (SELECT 1 FROM mlcnn_trial_epochs e WHERE e.trial_id = t.id)",
            r => r.GetInt64(0), ("pid", pid), ("study", study ?? "")).Single();

    private static IEnumerable<int> Numbers(System.Data.Common.DbConnection connection, string? study = null) =>
        Query(connection, "SELECT t.number FROM mlcnn_trials t JOIN mlcnn_studies s ON s.id = t.study_id WHERE (@study = '' OR s.name = @study) ORDER BY t.number",
            r => r.GetInt32(0), ("study", study ?? ""));

    private static IEnumerable<int> Workers(System.Data.Common.DbConnection connection, string study) =>
        Query(connection, "SELECT DISTINCT t.pid FROM mlcnn_trials t JOIN mlcnn_studies s ON s.id = t.study_id WHERE s.name = @study",
            r => r.GetInt32(0), ("study", study));

    private static List<T> Query<T>(System.Data.Common.DbConnection connection, string sql, Func<System.Data.Common.DbDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using (connection)
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(read(reader));
            return rows;
        }
    }
}
