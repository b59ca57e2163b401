using System.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Workflows.Persistence.Runtime;

/// <summary>
/// Keeps a <see cref="WorkflowsDbContext"/>'s connection open across several commands (EF Core otherwise opens and
/// closes it around each one, a round of renting and returning a pooled connection each time). Disposing closes it
/// only when this lease opened it, so leases nest.
/// </summary>
internal readonly struct WorkflowConnection(WorkflowsDbContext? opener) : IAsyncDisposable
{
    public static async ValueTask<WorkflowConnection> KeepOpenAsync(WorkflowsDbContext db, CancellationToken cancellationToken)
    {
        // SQLite opens an in-process connection for nothing; held open for a whole burst, every concurrent request
        // would keep a connection (and its page cache) of its own.
        if (db is SqliteWorkflowsDbContext || db.Database.GetDbConnection().State == ConnectionState.Open)
        {
            return default;
        }

        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new WorkflowConnection(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (opener != null)
        {
            await opener.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
