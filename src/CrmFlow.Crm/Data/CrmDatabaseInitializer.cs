using CrmFlow.Crm.Features.Identity.Tokens;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace CrmFlow.Crm.Data;

/// <summary>
/// Before any hosted service starts (<see cref="IHostedLifecycleService.StartingAsync"/>): migrates the CRM
/// database when <c>Database:MigrateOnStartup</c> is on, then loads the token signing key.
/// </summary>
internal sealed partial class CrmDatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> options,
    SigningKeyProvider signingKeys,
    ILogger<CrmDatabaseInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var database = options.Value;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // Only the file is logged: other connection strings may carry credentials.
            var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            LogSqliteFile(logger, file);
        }
        else
        {
            LogProvider(logger, database.Provider);
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            if (database.MigrateOnStartup)
            {
                if (database.Provider == DatabaseProvider.Sqlite)
                {
                    CrmDatabase.EnsureSqliteDirectory(database.ConnectionString!);
                }

                // EF Core logs each applied migration (category Microsoft.EntityFrameworkCore.Migrations).
                LogMigrating(logger, database.Provider);
                await MigrateAsync(db, cancellationToken).ConfigureAwait(false);
            }

            await signingKeys.InitializeAsync(db, cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: SQLite file {DataSource}")]
    private static partial void LogSqliteFile(ILogger logger, string dataSource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Provider}")]
    private static partial void LogProvider(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Migrating the CRM tables on {Provider}")]
    private static partial void LogMigrating(ILogger logger, DatabaseProvider provider);
}
