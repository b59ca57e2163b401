using CrmFlow.Crm.Data;
using CrmFlow.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using CrmProvider = CrmFlow.Crm.Data.DatabaseProvider;
using WorkflowsProvider = CrmFlow.Workflows.Persistence.DatabaseProvider;

namespace CrmFlow.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server named by <c>CRMFLOW_TEST_POSTGRES</c> (a base connection string; we may create
/// databases). A template database is migrated once per test run; each test class gets
/// <c>CREATE DATABASE … TEMPLATE</c>. Without the variable the PostgreSQL tests skip, unless
/// <c>CRMFLOW_REQUIRE_POSTGRES=1</c>, which turns the skip into a failure.
/// </summary>
public static class PostgreSqlServer
{
    public const string ConnectionVariable = "CRMFLOW_TEST_POSTGRES";
    public const string RequireVariable = "CRMFLOW_REQUIRE_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..12];
    private static string? _template;

    public static string? BaseConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Skips the calling test when no server is configured, or fails it when one is required.</summary>
    public static void EnsureConfigured()
    {
        if (BaseConnectionString is not null)
        {
            return;
        }

        var reason = $"PostgreSQL tests need {ConnectionVariable} (a connection string to a server where databases may be created).";
        if (IsRequired)
        {
            Assert.Fail($"{RequireVariable}=1 but {ConnectionVariable} is not set. {reason}");
        }

        Assert.Skip(reason);
    }

    public static async Task<(string Name, string ConnectionString)> CreateDatabaseAsync(bool fromTemplate)
    {
        var name = $"crmflow_test_{RunId}_{Guid.NewGuid().ToString("N")[..8]}";
        await Gate.WaitAsync();
        try
        {
            var template = fromTemplate ? await EnsureTemplateAsync() : null;
            await ExecuteAsync(template is null
                ? $"CREATE DATABASE \"{name}\""
                : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            Gate.Release();
        }

        return (name, For(name, pooling: true));
    }

    public static Task DropDatabaseAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    /// <summary>Drops the template at the end of the run (called by <see cref="PostgreSqlTemplateCleanup"/>).</summary>
    public static async Task DropTemplateAsync()
    {
        if (_template is { } template && BaseConnectionString is not null)
        {
            await DropDatabaseAsync(template);
            _template = null;
        }
    }

    private static async Task<string> EnsureTemplateAsync()
    {
        if (_template is not null)
        {
            return _template;
        }

        var template = $"crmflow_template_{RunId}";
        await ExecuteAsync($"CREATE DATABASE \"{template}\"");

        // No pooling: CREATE DATABASE … TEMPLATE needs the template without open connections.
        var connectionString = For(template, pooling: false);
        await using (var crm = CrmDatabase.Create(CrmProvider.PostgreSql, connectionString))
        {
            await crm.Database.MigrateAsync();
        }

        await using (var workflows = WorkflowsDatabase.Create(WorkflowsProvider.PostgreSql, connectionString))
        {
            await workflows.Database.MigrateAsync();
        }

        _template = template;
        return template;
    }

    private static string For(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(BaseConnectionString) { Database = database, Pooling = pooling }.ConnectionString;

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(For("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Assembly fixture: drops the PostgreSQL template database when the run ends.</summary>
public sealed class PostgreSqlTemplateCleanup : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await PostgreSqlServer.DropTemplateAsync();
}
