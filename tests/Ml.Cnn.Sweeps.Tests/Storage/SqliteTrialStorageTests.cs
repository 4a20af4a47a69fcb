using Microsoft.Data.Sqlite;
using Ml.Cnn.Tests.Shared;

namespace Ml.Cnn.Sweeps.Tests.Storage;

public sealed class SqliteTrialStorageTests : TrialStorageContract
{
    private readonly TempFolder _temp = new();
    private readonly SqliteTrialStorage _storage;

    public SqliteTrialStorageTests() => _storage = new SqliteTrialStorage(_temp.File("sweeps.db"));

    protected override ITrialStorage Storage => _storage;

    public override void Dispose()
    {
        base.Dispose();
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public void A_database_of_another_schema_version_is_refused()
    {
        Storage.OpenStudy(new StudyDefinition("s", "MicroAccuracy", true, new SearchSpace().Uniform("x", 0, 1), "random", "none", 1));
        using (var connection = new SqliteConnection($"Data Source={_storage.Path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE mlcnn_schema SET version = 99";
            command.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidOperationException>(() => Storage.OpenStudy(new StudyDefinition("t", "MicroAccuracy", true, new SearchSpace().Uniform("x", 0, 1), "random", "none", 1)));
        Assert.Contains("schema version 99", e.Message);
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => new SqliteTrialStorage(_temp.File("no/such/folder/s.db")));
        Assert.Contains("does not exist", e.Message);
    }
}
