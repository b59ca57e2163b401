using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmFlow.IntegrationTests.Infrastructure;

/// <summary>A database a test class owns: created empty (or from the migrated template) and dropped at the end.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    public abstract ValueTask DisposeAsync();
}

/// <summary>A fresh SQLite file in the temp folder.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "crmflow-tests", $"{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";

    public override string ConnectionString => $"Data Source={_path}";

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A PostgreSQL database created from the once-per-run migrated template.</summary>
public sealed class PostgreSqlTestDatabase : TestDatabase
{
    private PostgreSqlTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public override string Provider => "PostgreSql";

    public override string ConnectionString { get; }

    public static async Task<PostgreSqlTestDatabase> CreateAsync(bool fromTemplate = true)
    {
        var (name, connectionString) = await PostgreSqlServer.CreateDatabaseAsync(fromTemplate);
        return new PostgreSqlTestDatabase(name, connectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await PostgreSqlServer.DropDatabaseAsync(Name);
    }
}
