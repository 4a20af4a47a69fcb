using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Sweeps.Tests.Storage;

/// <summary>The storage contract on a real PostgreSQL server (scripts/postgres.sh).</summary>
public sealed class PostgresTrialStorageTests(PostgresServer server) : TrialStorageContract, IClassFixture<PostgresServer>
{
    private readonly PostgresTrialStorage _storage = new(server.ConnectionString);

    protected override ITrialStorage Storage => _storage;

    [Fact]
    public void An_unreachable_server_is_named_in_the_error()
    {
        using var storage = new PostgresTrialStorage("Host=127.0.0.1;Port=1;Database=x;Username=y;Timeout=2");
        var e = Assert.Throws<InvalidOperationException>(() => storage.OpenStudy(new StudyDefinition("s", "MicroAccuracy", true, new SearchSpace().Uniform("x", 0, 1), "random", "none", 1)));
        Assert.Contains("postgres:Host=127.0.0.1;Port=1", e.Message);
        Assert.Contains("cannot connect", e.Message);
    }
}
