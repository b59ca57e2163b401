using CrmFlow.Crm.Features.Identity.Tokens;
using Microsoft.EntityFrameworkCore;
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

                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
                if (pending.Count > 0)
                {
                    LogMigrating(logger, pending.Count, database.Provider);
                    await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await signingKeys.InitializeAsync(db, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying {Count} CRM migration(s) on {Provider}")]
    private static partial void LogMigrating(ILogger logger, int count, DatabaseProvider provider);
}
