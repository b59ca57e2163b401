using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace CrmFlow.Workflows.Persistence;

/// <summary>Migrates the workflow tables before any hosted service starts, when <c>Database:MigrateOnStartup</c> is on.</summary>
internal sealed partial class WorkflowsDatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    ILogger<WorkflowsDatabaseInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var database = options.Value;
        if (!database.MigrateOnStartup)
        {
            return;
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            WorkflowsDatabase.EnsureSqliteDirectory(database.ConnectionString!);
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            // EF Core logs each applied migration (category Microsoft.EntityFrameworkCore.Migrations).
            LogMigrating(logger, database.Provider);
            await MigrateAsync(db, cancellationToken).ConfigureAwait(false);
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                // Write-ahead log: readers never wait for the writer and a commit appends to the log instead of
                // rewriting pages through a rollback journal. Kept in the file; synchronous stays FULL (each commit
                // is flushed to disk before it is acknowledged).
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
                await SqliteStatistics.RefreshAsync(db, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Creates the history table first when the database exists: EF Core's own first read of a missing
    /// history table succeeds but logs a failed command at Error level on PostgreSQL.
    /// </summary>
    private static async Task MigrateAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }

        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Migrating the workflow tables on {Provider}")]
    private static partial void LogMigrating(ILogger logger, DatabaseProvider provider);
}
