using System.Data.Common;
using CrmFlow.Crm;
using CrmFlow.Crm.Common.Security;
using CrmFlow.Crm.Data;
using CrmFlow.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CrmFlow.Benchmarks.Volume;

/// <summary>
/// A fresh database (a SQLite file in the temp folder, or a new PostgreSQL database on the given server) with the
/// host's services over it: the real <c>AddWorkflowsPersistence()</c> and <c>AddCrm()</c> registrations, migrated by
/// the real migrations, and a settable caller. Dropped on dispose.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? sqliteFile;
    private readonly string? postgresServer;
    private readonly string? postgresName;
    private ServiceProvider? services;

    private BenchDatabase(bool isSqlite, string connectionString, string? sqliteFile, string? postgresServer, string? postgresName)
    {
        IsSqlite = isSqlite;
        ConnectionString = connectionString;
        this.sqliteFile = sqliteFile;
        this.postgresServer = postgresServer;
        this.postgresName = postgresName;
    }

    public bool IsSqlite { get; }

    public string ProviderName => IsSqlite ? "SQLite" : "PostgreSQL";

    public string ConnectionString { get; }

    /// <summary>The caller of the requests sent through <see cref="Services"/>.</summary>
    public BenchUser User { get; } = new();

    public IServiceProvider Services => services ?? throw new InvalidOperationException("Call InitializeAsync first.");

    public static BenchDatabase CreateSqlite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"crmflow-bench-{Guid.NewGuid():N}.db");
        return new BenchDatabase(true, $"Data Source={file}", file, null, null);
    }

    public static async Task<BenchDatabase> CreatePostgresAsync(string server)
    {
        var name = $"crmflow_bench_{Guid.NewGuid().ToString("N")[..12]}";
        await ExecuteOnServerAsync(server, $"CREATE DATABASE \"{name}\"");
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new BenchDatabase(false, builder.ConnectionString, null, server, name);
    }

    public string Describe()
    {
        if (IsSqlite)
        {
            return $"SQLite {SqliteVersion()} (file in the temp folder, WAL)";
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL on {builder.Host}:{builder.Port}";
    }

    /// <summary>Builds the host's services over the database and applies both migration sets (as the host does at start).</summary>
    public async Task InitializeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = IsSqlite ? "Sqlite" : "PostgreSql",
            ["ConnectionStrings:CrmFlow"] = ConnectionString,
        });
        if (Environment.GetEnvironmentVariable("CRMFLOW_BENCH_SQL") == "1")
        {
            // Prints every SQL command with its duration (for reading query plans; not while measuring).
            builder.Logging.AddSimpleConsole().AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information)
                .AddFilter("Microsoft", LogLevel.Warning);
        }

        builder.AddWorkflowsPersistence();
        builder.AddCrm();
        builder.Services.Replace(ServiceDescriptor.Singleton<ICurrentUser>(User));
        services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Database.MigrateAsync();
        var workflows = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        await workflows.Database.MigrateAsync();
        if (IsSqlite)
        {
            await workflows.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
        }
    }

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsSqlite ? new SqliteConnection(ConnectionString) : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Brings the database to the state a running host keeps it in after a bulk load: on SQLite the write-ahead log
    /// checkpointed and the planner statistics refreshed by the host's own hourly job (<see cref="SqliteStatistics"/>);
    /// on PostgreSQL <c>VACUUM ANALYZE</c> (what autovacuum does shortly after). Returns what it did.
    /// </summary>
    public async Task<string> SettleAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (IsSqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            await SqliteStatistics.RefreshAsync(db, CancellationToken.None);
            var analyzed = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_stat1").SingleAsync();
            return $"WAL checkpoint, PRAGMA optimize ({analyzed} sqlite_stat1 rows)";
        }

        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        return "VACUUM ANALYZE";
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        if (Environment.GetEnvironmentVariable("CRMFLOW_BENCH_KEEP") == "1")
        {
            // Kept for reading query plans (sqlite3 / psql); the caller drops it.
            Console.WriteLine($"kept: {ConnectionString}");
            return;
        }

        if (sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteOnServerAsync(postgresServer, $"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteOnServerAsync(string server, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }
}

/// <summary>A settable caller (the benchmark switches between users, roles and the supervisor).</summary>
internal sealed class BenchUser : ICurrentUser
{
    public Guid? Id { get; set; }

    public bool IsUser { get; set; } = true;

    public IReadOnlyCollection<string> Roles { get; set; } = [];
}
