using Microsoft.EntityFrameworkCore;
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
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            if (pending.Count > 0)
            {
                LogMigrating(logger, pending.Count, database.Provider);
                await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} workflow migration(s) on {Provider}")]
    private static partial void LogMigrating(ILogger logger, int count, DatabaseProvider provider);
}
