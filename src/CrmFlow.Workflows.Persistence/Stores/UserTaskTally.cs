using CrmFlow.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Workflows.Persistence.Stores;

/// <summary>
/// The net change one transaction makes to the number of open tasks per status, kept in the
/// <see cref="Entities.UserTaskTallyRecord"/> rows: whatever opens, claims, unclaims or closes tasks adds to it, then
/// writes it last before its commit. The supervisors' "all" count is then a sum over 32 rows instead of a count of every
/// open task on every call.
/// </summary>
internal sealed class UserTaskTally
{
    /// <summary>Slots per status: concurrent commits pick one at random, so they seldom wait for the same row.</summary>
    public const int Slots = 16;

    private const string Open = nameof(UserTaskStatus.Open);
    private const string Assigned = nameof(UserTaskStatus.Assigned);

    /// <summary>The statuses counted, in the order their rows are written (ordinal), so that no two writers wait on each other in a cycle.</summary>
    internal static readonly string[] Statuses = [Assigned, Open];

    private int _assigned;
    private int _open;

    /// <summary>A task entered <paramref name="status"/> (closed statuses are not counted).</summary>
    public void Entered(string status) => Add(status, 1);

    /// <summary>A task left <paramref name="status"/>.</summary>
    public void Left(string status) => Add(status, -1);

    private void Add(string status, int delta)
    {
        if (status == Open)
        {
            _open += delta;
        }
        else if (status == Assigned)
        {
            _assigned += delta;
        }
    }

    /// <summary>
    /// Adds the change to one slot of each status whose count changed and starts again from zero. Call it last in the
    /// transaction: the rows stay locked until the commit.
    /// </summary>
    public async Task WriteAsync(WorkflowsDbContext db, CancellationToken cancellationToken)
    {
        var slot = Random.Shared.Next(Slots);
        foreach (var (status, delta) in new[] { (Assigned, _assigned), (Open, _open) })
        {
            if (delta != 0)
            {
                await db.UserTaskTallies.Where(t => t.Status == status && t.Slot == slot)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Count, t => t.Count + delta), cancellationToken).ConfigureAwait(false);
            }
        }

        _assigned = _open = 0;
    }

    /// <summary>The open tasks per status (Open, Assigned), as committed.</summary>
    public static async Task<(int Open, int Assigned)> ReadAsync(WorkflowsDbContext db, CancellationToken cancellationToken)
    {
        var sums = await db.UserTaskTallies.AsNoTracking().GroupBy(t => t.Status)
            .Select(g => new { g.Key, Count = g.Sum(t => t.Count) })
            .ToDictionaryAsync(g => g.Key, g => (int)g.Count, cancellationToken).ConfigureAwait(false);
        return (sums.GetValueOrDefault(Open), sums.GetValueOrDefault(Assigned));
    }

    /// <summary>
    /// Sets the tallies from a count of the tasks, for tasks written around the store (a bulk import). The tally rows
    /// are locked for the whole transaction first, so a commit that changes tasks meanwhile either is counted or adds
    /// its change after the recount, never both.
    /// </summary>
    public static async Task RecountAsync(WorkflowsDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var lockTallies = db.Database.ProviderName switch
            {
                "Npgsql.EntityFrameworkCore.PostgreSQL" => "LOCK TABLE \"UserTaskTallies\" IN EXCLUSIVE MODE;",
                "Microsoft.EntityFrameworkCore.SqlServer" => "SELECT TOP 0 1 FROM \"UserTaskTallies\" WITH (TABLOCKX, HOLDLOCK);",
                _ => "UPDATE \"UserTaskTallies\" SET \"Count\" = 0;", // SQLite: a write holds the database's write lock
            };
            await db.Database.ExecuteSqlRawAsync(lockTallies, cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"UserTaskTallies\" SET \"Count\" = CASE WHEN \"Slot\" = 0 THEN (SELECT COUNT(*) FROM \"UserTasks\" AS t WHERE t.\"Status\" = \"UserTaskTallies\".\"Status\") ELSE 0 END;",
                cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
