using System.Threading.Channels;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Persistence.Stores;
using CrmFlow.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CrmFlow.Workflows.Persistence.Runtime;

/// <summary>
/// Everything one burst of one instance writes: the instance row (new or updated), the bookmark it consumed, the
/// bookmarks and timers it removed and added, its incidents when they changed, and its new journal rows.
/// </summary>
internal sealed class InstanceCommit
{
    public required WorkflowInstanceRecord Instance { get; init; }

    public bool IsNew { get; init; }

    /// <summary>Deleted first; when the row is already gone the commit fails with a conflict and writes nothing.</summary>
    public string? ConsumedBookmarkId { get; init; }

    /// <summary>Bookmarks (and their timers) that are no longer in the state.</summary>
    public IReadOnlyList<string> RemovedBookmarkIds { get; init; } = [];

    public IReadOnlyList<BookmarkRecord> AddedBookmarks { get; init; } = [];

    public IReadOnlyList<ScheduledTimerRecord> AddedTimers { get; init; } = [];

    /// <summary>When set, the instance's incident rows are replaced by <see cref="Incidents"/>.</summary>
    public bool ReplaceIncidents { get; init; }

    public IReadOnlyList<IncidentRecord> Incidents { get; init; } = [];

    public IReadOnlyList<JournalRecord> Journal { get; init; } = [];

    /// <summary>Set when the instance has or had inbox tasks: their rows are brought in line in the same transaction.</summary>
    public UserTaskSync? UserTasks { get; init; }
}

/// <summary>What <see cref="UserTaskStore.SyncAsync"/> needs: the committed state, the resume input, the commit time.</summary>
internal sealed record UserTaskSync(WorkflowState State, IDictionary<string, object?>? ResumeInput, DateTimeOffset Now);

/// <summary>
/// Group commit: bursts that finish while a transaction is being written wait for the next one, which then commits
/// all of them together (one writer on SQLite, <see cref="WorkflowRuntimeOptions.CommitWriters"/> on a server database) — one transaction and one flush to disk for many instances instead of one each, and on
/// SQLite a single writer per host instead of writers retrying on a busy database. A caller's task completes only
/// after its rows are committed (durability is the database's, unchanged); a consumed bookmark that is already
/// gone fails that caller alone with a conflict; any other error rolls the batch back and each of its commits is
/// retried in a transaction of its own, so one bad commit fails only its caller.
/// </summary>
internal sealed partial class InstanceCommitQueue : IAsyncDisposable
{
    private const int MaxBatch = 64;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<InstanceCommitQueue> _logger;
    private readonly Channel<Pending> _channel = Channel.CreateUnbounded<Pending>();
    private readonly Task[] _writers;
    private readonly string? _postgreSql;

    /// <summary>The connection string of the one-round-trip batches on PostgreSQL (null on other databases).</summary>
    internal string? PostgreSqlBatchConnectionString => _postgreSql;

    public InstanceCommitQueue(IServiceScopeFactory scopes, IOptions<DatabaseOptions> database, IOptions<WorkflowRuntimeOptions> options, ILogger<InstanceCommitQueue> logger)
    {
        _scopes = scopes;
        _logger = logger;

        if (database.Value.Provider == DatabaseProvider.PostgreSql)
        {
            _postgreSql = PostgreSqlGroupCommit.ConnectionString(PostgreSqlConnectionTuning.Apply(database.Value.ConnectionString!));
        }

        // SQLite has one writer per file; a server database commits several batches at once (their rows never
        // overlap: each burst holds its instance's lock).
        var writers = database.Value.Provider == DatabaseProvider.Sqlite ? 1 : Math.Max(1, options.Value.CommitWriters);
        _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync))];
    }

    /// <summary>
    /// Commits <paramref name="commit"/> with whatever else is waiting. Not cancellable once queued: the caller holds
    /// the instance lock and must not release it while its commit may still land.
    /// </summary>
    public Task CommitAsync(InstanceCommit commit)
    {
        var pending = new Pending(commit);
        if (!_channel.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(InstanceCommitQueue), "The host is stopping.");
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await Task.WhenAll(_writers).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _channel.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _channel.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue; // another writer took them
            }

            try
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Never reached with WriteBatchAsync's own handling; keep the loop alive whatever happens.
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }

            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        try
        {
            var conflicts = await WriteAsync([.. batch.Select(p => p.Commit)]).ConfigureAwait(false);
            foreach (var pending in batch)
            {
                if (conflicts.Contains(pending.Commit))
                {
                    pending.Completion.TrySetException(Conflict(pending.Commit.ConsumedBookmarkId!));
                }
                else
                {
                    pending.Completion.TrySetResult();
                }
            }
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            LogBatchRetried(_logger, batch.Count, ex);
            foreach (var pending in batch)
            {
                await WriteBatchAsync([pending]).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            batch[0].Completion.TrySetException(ex);
        }
    }

    /// <summary>
    /// One transaction for the batch (on PostgreSQL, when it can, in one round trip: <see cref="PostgreSqlGroupCommit"/>);
    /// returns the commits refused because their bookmark was already consumed.
    /// </summary>
    internal async Task<HashSet<InstanceCommit>> WriteAsync(IReadOnlyList<InstanceCommit> batch)
    {
        if (_postgreSql is not null && PostgreSqlGroupCommit.Covers(batch))
        {
            try
            {
                await PostgreSqlGroupCommit.WriteAsync(_postgreSql, batch).ConfigureAwait(false);
                return [];
            }
            catch (PostgresException ex) when (ex.SqlState == PostgreSqlGroupCommit.ClaimRefused)
            {
                // Nothing was written; the path below finds which commits were refused and writes the others.
            }
        }

        return await WriteInTransactionAsync(batch).ConfigureAwait(false);
    }

    /// <summary>
    /// The batch in an explicit transaction: claims first (a refused commit has written nothing when it is left out),
    /// then the claimed commits' rows. Every batch on SQLite and SQL Server; on PostgreSQL a batch with inbox tasks, or
    /// one whose one-round-trip write was refused a claim.
    /// </summary>
    private async Task<HashSet<InstanceCommit>> WriteInTransactionAsync(IReadOnlyList<InstanceCommit> batch)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            db.Database.AutoSavepointsEnabled = false;
            var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var claimed = await ClaimAndDeleteSpentAsync(db, batch).ConfigureAwait(false);
                var conflicts = batch.Where(c => c.ConsumedBookmarkId is { } consumed && !claimed.Contains(consumed)).ToHashSet();
                await WriteRowsAsync(db, [.. batch.Where(c => !conflicts.Contains(c))]).ConfigureAwait(false);
                await transaction.CommitAsync().ConfigureAwait(false);
                return conflicts;
            }
        }
    }

    /// <summary>The rows of the claimed commits: incidents, instances, bookmarks, timers, inbox tasks and their tallies, and the journal.</summary>
    private static async Task WriteRowsAsync(WorkflowsDbContext db, List<InstanceCommit> commits)
    {
        var tally = new UserTaskTally();
        var incidentOwners = commits.Where(c => c.ReplaceIncidents && !c.IsNew).Select(c => c.Instance.Id).ToList();
        foreach (var chunk in incidentOwners.Chunk(500))
        {
            await db.Incidents.Where(i => chunk.Contains(i.WorkflowInstanceId)).ExecuteDeleteAsync().ConfigureAwait(false);
        }

        foreach (var commit in commits)
        {
            if (commit.IsNew)
            {
                db.WorkflowInstances.Add(commit.Instance);
            }
            else
            {
                // Updates every column by key; a row deleted meanwhile makes SaveChanges fail (no silent loss).
                db.WorkflowInstances.Update(commit.Instance);
            }

            db.Bookmarks.AddRange(commit.AddedBookmarks);
            db.Timers.AddRange(commit.AddedTimers);
            if (commit.ReplaceIncidents)
            {
                db.Incidents.AddRange(commit.Incidents);
            }

            if (commit.UserTasks is { } tasks)
            {
                await UserTaskStore.SyncAsync(db, tasks.State, commit.ConsumedBookmarkId, tasks.ResumeInput, tasks.Now, tally, CancellationToken.None).ConfigureAwait(false);
            }
        }

        await JournalWriter.WriteAsync(db, [.. commits.SelectMany(c => c.Journal)]).ConfigureAwait(false);
        if (commits.Count > 0)
        {
            await db.SaveChangesAsync().ConfigureAwait(false);
        }

        await tally.WriteAsync(db, CancellationToken.None).ConfigureAwait(false);
    }

    private const string PostgreSqlClaim = """
        WITH claimed AS (DELETE FROM "WorkflowBookmarks" WHERE "Id" = ANY(@consumed) RETURNING "Id"),
        spent AS (
            SELECT r."Id" FROM unnest(@removed, @owner) AS r("Id", "Owner")
            WHERE r."Owner" IS NULL OR r."Owner" IN (SELECT "Id" FROM claimed)),
        deleted AS (DELETE FROM "WorkflowBookmarks" WHERE "Id" IN (SELECT "Id" FROM spent)),
        timers AS (
            DELETE FROM "WorkflowTimers"
            WHERE "BookmarkId" IN (SELECT "Id" FROM claimed UNION ALL SELECT "Id" FROM spent))
        SELECT "Id" AS "Value" FROM claimed
        """;

    /// <summary>
    /// Deletes the batch's consumed bookmarks (returning the ones that were still there: the others were resumed by
    /// someone else) and the bookmarks and timers its commits no longer need. A refused commit's own spent bookmarks
    /// are left alone. PostgreSQL: one statement; elsewhere one statement per consumed bookmark plus two.
    /// </summary>
    private static async Task<HashSet<string>> ClaimAndDeleteSpentAsync(WorkflowsDbContext db, IReadOnlyList<InstanceCommit> batch)
    {
        var consumed = batch.Select(c => c.ConsumedBookmarkId).OfType<string>().ToArray();
        if (db.IsPostgreSql())
        {
            var spent = batch.Where(c => c.RemovedBookmarkIds.Count > 0).ToList();
            var claimed = await db.Database.SqlQueryRaw<string>(
                PostgreSqlClaim,
                new NpgsqlParameter<string[]>("consumed", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = consumed },
                new NpgsqlParameter<string[]>("removed", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. spent.SelectMany(c => c.RemovedBookmarkIds)] },
                new NpgsqlParameter<string?[]>("owner", NpgsqlDbType.Array | NpgsqlDbType.Text)
                {
                    TypedValue = [.. spent.SelectMany(c => c.RemovedBookmarkIds.Select(_ => c.ConsumedBookmarkId))],
                }).ToListAsync().ConfigureAwait(false);
            return [.. claimed];
        }

        var stillThere = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in consumed)
        {
            if (await db.Bookmarks.Where(b => b.Id == id).ExecuteDeleteAsync().ConfigureAwait(false) > 0)
            {
                stillThere.Add(id);
            }
        }

        var spentBookmarks = batch
            .Where(c => c.ConsumedBookmarkId is not { } id || stillThere.Contains(id))
            .SelectMany(c => c.ConsumedBookmarkId is { } id ? c.RemovedBookmarkIds.Append(id) : c.RemovedBookmarkIds)
            .ToList();
        foreach (var chunk in spentBookmarks.Chunk(500))
        {
            await db.Bookmarks.Where(b => chunk.Contains(b.Id)).ExecuteDeleteAsync().ConfigureAwait(false);
            await db.Timers.Where(t => t.BookmarkId != null && chunk.Contains(t.BookmarkId)).ExecuteDeleteAsync().ConfigureAwait(false);
        }

        return stillThere;
    }

    internal static WorkflowConflictException Conflict(string bookmarkId) => new($"Bookmark {bookmarkId} has already been resumed.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} instances failed; committing them one by one")]
    private static partial void LogBatchRetried(ILogger logger, int count, Exception exception);

    private sealed class Pending(InstanceCommit commit)
    {
        public InstanceCommit Commit { get; } = commit;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
