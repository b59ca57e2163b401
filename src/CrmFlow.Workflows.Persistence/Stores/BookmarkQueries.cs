using System.Runtime.CompilerServices;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Persistence.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CrmFlow.Workflows.Persistence.Stores;

/// <summary>
/// The reads every stimulus makes, as EF Core compiled queries: no expression tree built, no parameter values
/// extracted from closures and no query-cache lookup per call (on the PostgreSQL lifecycle benchmark the known-instance
/// read's expression work was about an eighth of the host's CPU). Both apply the one rule of which bookmarks a
/// stimulus matches: its hash, and its correlation id when it has one. A compiled query binds to the model it first
/// runs with, so each model (one per provider's context type) has its own set.
/// </summary>
internal sealed class BookmarkQueries
{
    private static readonly ConditionalWeakTable<IModel, BookmarkQueries> PerModel = [];

    private readonly Func<WorkflowsDbContext, string, string?, IAsyncEnumerable<BookmarkRecord>> _matching = EF.CompileAsyncQuery<WorkflowsDbContext, string, string?, BookmarkRecord>(
        (WorkflowsDbContext db, string hash, string? correlationId) => db.Bookmarks.AsNoTracking()
            .Where(b => b.Hash == hash && (correlationId == null || b.CorrelationId == correlationId))
            .OrderBy(b => b.CreatedAt));

    private readonly Func<WorkflowsDbContext, string, string, string?, CancellationToken, Task<InstanceWithBookmarks?>> _instanceWithMatching = EF.CompileAsyncQuery(
        (WorkflowsDbContext db, string instanceId, string hash, string? correlationId, CancellationToken cancellationToken) => db.WorkflowInstances.AsNoTracking()
            .Where(i => i.Id == instanceId)
            .Select(i => new InstanceWithBookmarks
            {
                Instance = i,
                Bookmarks = db.Bookmarks
                    .Where(b => b.WorkflowInstanceId == i.Id && b.Hash == hash && (correlationId == null || b.CorrelationId == correlationId))
                    .OrderBy(b => b.CreatedAt)
                    .ToList(),
            })
            .FirstOrDefault());

    // PostgreSQL only (the lock function is mapped by its context): the same reads, returning the row only when the
    // instance's advisory lock was free and is now held by the current transaction.
    private readonly Func<WorkflowsDbContext, string, long, string, string?, CancellationToken, Task<InstanceWithBookmarks?>> _lockedInstanceWithMatching = EF.CompileAsyncQuery(
        (WorkflowsDbContext db, string instanceId, long lockKey, string hash, string? correlationId, CancellationToken cancellationToken) => db.WorkflowInstances.AsNoTracking()
            .Where(i => i.Id == instanceId && PostgresInstanceLock.TryTransactionLock(lockKey))
            .Select(i => new InstanceWithBookmarks
            {
                Instance = i,
                Bookmarks = db.Bookmarks
                    .Where(b => b.WorkflowInstanceId == i.Id && b.Hash == hash && (correlationId == null || b.CorrelationId == correlationId))
                    .OrderBy(b => b.CreatedAt)
                    .ToList(),
            })
            .FirstOrDefault());

    private readonly Func<WorkflowsDbContext, string, long, CancellationToken, Task<WorkflowInstanceRecord?>> _lockedInstance = EF.CompileAsyncQuery(
        (WorkflowsDbContext db, string instanceId, long lockKey, CancellationToken cancellationToken) => db.WorkflowInstances.AsNoTracking()
            .FirstOrDefault(i => i.Id == instanceId && PostgresInstanceLock.TryTransactionLock(lockKey)));

    public static BookmarkQueries For(WorkflowsDbContext db) => PerModel.GetValue(db.Model, _ => new BookmarkQueries());

    /// <summary>The bookmarks a stimulus with <paramref name="hash"/> (and <paramref name="correlationId"/>, when not null) resumes, oldest first.</summary>
    public async Task<List<BookmarkRecord>> MatchingAsync(WorkflowsDbContext db, string hash, string? correlationId, CancellationToken cancellationToken)
    {
        var found = new List<BookmarkRecord>();
        await foreach (var bookmark in _matching(db, hash, correlationId).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            found.Add(bookmark);
        }

        return found;
    }

    /// <summary>One instance's row with the bookmarks of it that such a stimulus resumes, in one query; null when the instance is gone.</summary>
    public Task<InstanceWithBookmarks?> InstanceWithMatchingAsync(WorkflowsDbContext db, string instanceId, string hash, string? correlationId, CancellationToken cancellationToken) =>
        _instanceWithMatching(db, instanceId, hash, correlationId, cancellationToken);

    /// <summary>
    /// On PostgreSQL, inside a transaction: <see cref="InstanceWithMatchingAsync"/> that also takes the instance's
    /// advisory lock (<paramref name="lockKey"/>) for the transaction, in the same round trip. Null when the instance is
    /// gone or its lock is held elsewhere (the caller cannot tell which, and takes the waiting path).
    /// </summary>
    public Task<InstanceWithBookmarks?> LockedInstanceWithMatchingAsync(WorkflowsDbContext db, string instanceId, long lockKey, string hash, string? correlationId, CancellationToken cancellationToken) =>
        _lockedInstanceWithMatching(db, instanceId, lockKey, hash, correlationId, cancellationToken);

    /// <summary>On PostgreSQL, inside a transaction: the instance's row, read with its advisory lock taken for the transaction; null as above.</summary>
    public Task<WorkflowInstanceRecord?> LockedInstanceAsync(WorkflowsDbContext db, string instanceId, long lockKey, CancellationToken cancellationToken) =>
        _lockedInstance(db, instanceId, lockKey, cancellationToken);
}

/// <summary>An instance row with some of its bookmarks.</summary>
internal sealed class InstanceWithBookmarks
{
    public required WorkflowInstanceRecord Instance { get; init; }

    public required List<BookmarkRecord> Bookmarks { get; init; }
}
