using System.Text.Json.Nodes;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Workflows.Persistence.Stores;

/// <summary>EF Core queries over instances, journal, incidents, bookmarks and triggers.</summary>
internal sealed class WorkflowInstanceStore(WorkflowsDbContext db, TriggerCache triggerCache, TimeProvider time) : IWorkflowInstanceStore, IBookmarkStore
{
    public async ValueTask<WorkflowInstanceSummary?> FindAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await Summaries(db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask<WorkflowState?> FindStateAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var data = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.Data).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return data is null ? null : WorkflowStateSerializer.Deserialize(data);
    }

    public async ValueTask<Page<WorkflowInstanceSummary>> ListAsync(WorkflowInstanceFilter filter, PageArgs? page = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Filter(db.WorkflowInstances.AsNoTracking(), filter, db.IsPostgreSql());
        var total = await query.LongCountAsync(cancellationToken).ConfigureAwait(false);
        query = filter.OrderBy switch
        {
            WorkflowInstanceOrderBy.UpdatedAt => filter.Descending ? query.OrderByDescending(i => i.UpdatedAt) : query.OrderBy(i => i.UpdatedAt),
            WorkflowInstanceOrderBy.FinishedAt => filter.Descending ? query.OrderByDescending(i => i.FinishedAt) : query.OrderBy(i => i.FinishedAt),
            WorkflowInstanceOrderBy.Name => filter.Descending ? query.OrderByDescending(i => i.Name) : query.OrderBy(i => i.Name),
            _ => filter.Descending ? query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id) : query.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id),
        };
        if (page != null)
        {
            query = query.Skip(page.Skip).Take(page.PageSize);
        }

        var items = await Summaries(query).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<WorkflowInstanceSummary>(items, total);
    }

    public async ValueTask<long> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken = default) =>
        await Filter(db.WorkflowInstances.AsNoTracking(), filter, db.IsPostgreSql()).LongCountAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask<int> DeleteAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken = default)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var count = await DeleteInstancesAsync(db, Filter(db.WorkflowInstances, filter, db.IsPostgreSql()), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }

    public async ValueTask<Page<WorkflowJournalRecord>> ListJournalAsync(string instanceId, PageArgs? page = null, CancellationToken cancellationToken = default)
    {
        var query = db.Journal.AsNoTracking().Where(j => j.WorkflowInstanceId == instanceId);
        var total = await query.LongCountAsync(cancellationToken).ConfigureAwait(false);
        query = query.OrderBy(j => j.Sequence);
        if (page != null)
        {
            query = query.Skip(page.Skip).Take(page.PageSize);
        }

        var rows = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<WorkflowJournalRecord>([.. rows.Select(j => new WorkflowJournalRecord(j.Id, j.WorkflowInstanceId, j.Sequence, j.Timestamp, j.EventName,
            j.ActivityInstanceId, j.ParentActivityInstanceId, j.ActivityId, j.ActivityType, j.ActivityName, j.Message,
            j.Payload is null ? null : JsonNode.Parse(j.Payload)?.AsObject()))], total);
    }

    public async ValueTask<IReadOnlyList<ActivityExecutionRecord>> ListActivityExecutionsAsync(string instanceId, string? activityId = null, CancellationToken cancellationToken = default)
    {
        var query = db.Journal.AsNoTracking().Where(j => j.WorkflowInstanceId == instanceId);
        if (activityId != null)
        {
            query = query.Where(j => j.ActivityId == activityId);
        }

        var rows = await query.OrderBy(j => j.Sequence).ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ActivityExecutionRecord>();
        foreach (var group in rows.GroupBy(r => r.ActivityInstanceId))
        {
            var started = group.FirstOrDefault(r => r.EventName == JournalEvents.Started) ?? group.First();
            var end = group.LastOrDefault(r => r.EventName is JournalEvents.Completed or JournalEvents.Faulted or JournalEvents.Cancelled);
            var status = end?.EventName switch
            {
                JournalEvents.Completed => ActivityStatus.Completed,
                JournalEvents.Faulted => ActivityStatus.Faulted,
                JournalEvents.Cancelled => ActivityStatus.Cancelled,
                _ => group.Any(r => r.EventName == JournalEvents.Suspended) ? ActivityStatus.Suspended : ActivityStatus.Running,
            };
            var startPayload = started.Payload is null ? null : JsonNode.Parse(started.Payload)?.AsObject();
            var endPayload = end?.Payload is null ? null : JsonNode.Parse(end.Payload)?.AsObject();
            result.Add(new ActivityExecutionRecord(group.Key, instanceId, started.ActivityId, started.ActivityType, started.ActivityName, status,
                started.Timestamp, end?.Timestamp, group.Any(r => r.EventName == JournalEvents.Suspended),
                startPayload?["inputs"]?.AsObject(), endPayload?["outputs"]?.AsObject(),
                endPayload?["outcomes"]?.AsArray().Select(o => o?.GetValue<string>() ?? string.Empty).ToList(),
                end?.EventName == JournalEvents.Faulted ? end.Message : null));
        }

        return result;
    }

    public async ValueTask<IReadOnlyList<WorkflowIncidentRecord>> ListIncidentsAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await db.Incidents.AsNoTracking().Where(i => i.WorkflowInstanceId == instanceId).OrderBy(i => i.Timestamp)
            .Select(i => new WorkflowIncidentRecord(i.Id, i.WorkflowInstanceId, i.ActivityId, i.ActivityNodeId, i.ActivityType, i.Message, i.ExceptionType, i.StackTrace, i.Timestamp))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<StoredBookmark>> ListBookmarksAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ToBookmarks(await db.Bookmarks.AsNoTracking().Where(b => b.WorkflowInstanceId == instanceId).OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false));

    async ValueTask<StoredBookmark?> IBookmarkStore.FindAsync(string bookmarkId, CancellationToken cancellationToken) =>
        ToBookmarks(await db.Bookmarks.AsNoTracking().Where(b => b.Id == bookmarkId).ToListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    public async ValueTask<IReadOnlyList<StoredBookmark>> ListByHashAsync(string hash, string? correlationId = null, CancellationToken cancellationToken = default) =>
        ToBookmarks(await BookmarkQueries.For(db).MatchingAsync(db, hash, correlationId, cancellationToken).ConfigureAwait(false));

    public async ValueTask<IReadOnlyList<StoredTrigger>> ListTriggersByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        ToTriggers(await db.Triggers.AsNoTracking().Where(t => t.Hash == hash).ToListAsync(cancellationToken).ConfigureAwait(false));

    public ValueTask<IReadOnlyList<StoredTrigger>> ListTriggersByNameAsync(string activityType, CancellationToken cancellationToken = default) =>
        triggerCache.GetByNameAsync(activityType, async ct =>
            ToTriggers(await db.Triggers.AsNoTracking().Where(t => t.Name == activityType).ToListAsync(ct).ConfigureAwait(false)), cancellationToken);

    /// <summary>
    /// Deletes the instances with their journal, incidents, bookmarks and timers; their open tasks are cancelled (kept
    /// for the history, gone from every inbox list and count) and lose their candidate rows. Runs inside the caller's transaction.
    /// </summary>
    internal static async Task<int> DeleteInstancesAsync(WorkflowsDbContext db, IQueryable<WorkflowInstanceRecord> instances, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = await instances.Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var tally = new UserTaskTally();
        foreach (var chunk in ids.Chunk(500))
        {
            await CancelOpenTasksAsync(db, chunk, now, tally, cancellationToken).ConfigureAwait(false);
            await db.Journal.Where(j => chunk.Contains(j.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Incidents.Where(j => chunk.Contains(j.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Bookmarks.Where(j => chunk.Contains(j.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.Timers.Where(j => j.WorkflowInstanceId != null && chunk.Contains(j.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.WorkflowInstances.Where(j => chunk.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await tally.WriteAsync(db, cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }

    private static async Task CancelOpenTasksAsync(WorkflowsDbContext db, string[] instanceIds, DateTimeOffset now, UserTaskTally tally, CancellationToken cancellationToken)
    {
        var open = true;
        var tasks = await db.UserTasks.Where(t => instanceIds.Contains(t.WorkflowInstanceId) && t.IsOpen == open).Select(t => new { t.Id, t.Status })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (tasks.Count == 0)
        {
            return;
        }

        var taskIds = tasks.ConvertAll(t => t.Id);

        var cancelled = nameof(UserTaskStatus.Cancelled);
        await db.UserTasks.Where(t => taskIds.Contains(t.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Status, cancelled)
            .SetProperty(t => t.IsOpen, false)
            .SetProperty(t => t.CompletedAt, now)
            .SetProperty(t => t.Revision, t => t.Revision + 1), cancellationToken).ConfigureAwait(false);
        await db.UserTaskCandidates.Where(c => taskIds.Contains(c.TaskId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        db.UserTaskEvents.AddRange(taskIds.Select(id => new UserTaskEventRecord { Id = Ids.New(), TaskId = id, Kind = "Cancelled", Detail = "Instance deleted", At = now }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        tasks.ForEach(t => tally.Left(t.Status));
    }

    internal static IQueryable<WorkflowInstanceRecord> Filter(IQueryable<WorkflowInstanceRecord> query, WorkflowInstanceFilter filter, bool postgreSql)
    {
        if (filter.Id != null)
        {
            query = query.Where(i => i.Id == filter.Id);
        }

        if (filter.Ids != null)
        {
            query = query.Where(i => filter.Ids.Contains(i.Id));
        }

        if (filter.DefinitionId != null)
        {
            query = query.Where(i => i.DefinitionId == filter.DefinitionId);
        }

        if (filter.DefinitionIds != null)
        {
            query = query.Where(i => filter.DefinitionIds.Contains(i.DefinitionId));
        }

        if (filter.DefinitionVersionId != null)
        {
            query = query.Where(i => i.DefinitionVersionId == filter.DefinitionVersionId);
        }

        if (filter.Version != null)
        {
            query = query.Where(i => i.Version == filter.Version);
        }

        if (filter.CorrelationId != null)
        {
            query = query.Where(i => i.CorrelationId == filter.CorrelationId);
        }

        if (filter.ParentWorkflowInstanceId != null)
        {
            query = query.Where(i => i.ParentWorkflowInstanceId == filter.ParentWorkflowInstanceId);
        }

        if (filter.Statuses is { Count: > 0 })
        {
            var statuses = filter.Statuses.Select(s => s.ToString()).ToList();
            query = query.Where(i => statuses.Contains(i.Status));
        }

        if (filter.SubStatuses is { Count: > 0 })
        {
            var subStatuses = filter.SubStatuses.Select(s => s.ToString()).ToList();
            query = query.Where(i => subStatuses.Contains(i.SubStatus));
        }

        if (filter.HasIncidents is { } hasIncidents)
        {
            query = hasIncidents ? query.Where(i => i.IncidentCount > 0) : query.Where(i => i.IncidentCount == 0);
        }

        if (!string.IsNullOrWhiteSpace(filter.SearchTerm))
        {
            // Case-insensitive everywhere: LIKE on SQLite (ASCII) and SQL Server's default collation, ILIKE on PostgreSQL.
            var pattern = "%" + LikePattern.Escape(filter.SearchTerm.Trim()) + "%";
            query = postgreSql
                ? query.Where(i => (i.Name != null && EF.Functions.ILike(i.Name, pattern, LikePattern.EscapeText)) || EF.Functions.ILike(i.Id, pattern, LikePattern.EscapeText)
                    || (i.CorrelationId != null && EF.Functions.ILike(i.CorrelationId, pattern, LikePattern.EscapeText)) || EF.Functions.ILike(i.DefinitionId, pattern, LikePattern.EscapeText))
                : query.Where(i => (i.Name != null && EF.Functions.Like(i.Name, pattern, LikePattern.EscapeText)) || EF.Functions.Like(i.Id, pattern, LikePattern.EscapeText)
                    || (i.CorrelationId != null && EF.Functions.Like(i.CorrelationId, pattern, LikePattern.EscapeText)) || EF.Functions.Like(i.DefinitionId, pattern, LikePattern.EscapeText));
        }

        if (filter.CreatedFrom is { } cf)
        {
            query = query.Where(i => i.CreatedAt >= cf);
        }

        if (filter.CreatedTo is { } ct)
        {
            query = query.Where(i => i.CreatedAt <= ct);
        }

        if (filter.UpdatedFrom is { } uf)
        {
            query = query.Where(i => i.UpdatedAt >= uf);
        }

        if (filter.UpdatedTo is { } ut)
        {
            query = query.Where(i => i.UpdatedAt <= ut);
        }

        if (filter.FinishedFrom is { } ff)
        {
            query = query.Where(i => i.FinishedAt >= ff);
        }

        if (filter.FinishedTo is { } ft)
        {
            query = query.Where(i => i.FinishedAt <= ft);
        }

        return query;
    }

    private static IQueryable<WorkflowInstanceSummary> Summaries(IQueryable<WorkflowInstanceRecord> query) =>
        query.Select(i => new WorkflowInstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersionId, i.Version, i.Name, i.CorrelationId, i.ParentWorkflowInstanceId,
            Enum.Parse<WorkflowStatus>(i.Status), Enum.Parse<WorkflowSubStatus>(i.SubStatus), i.IncidentCount, i.CreatedAt, i.UpdatedAt, i.FinishedAt));

    internal static List<StoredBookmark> ToBookmarks(List<BookmarkRecord> rows) =>
        [.. rows.Select(b => new StoredBookmark(b.Id, b.WorkflowInstanceId, b.CorrelationId, b.Name, b.Hash, b.ActivityId, b.ActivityInstanceId,
            b.Stimulus is null ? null : JsonNode.Parse(b.Stimulus), b.Payload is null ? null : JsonNode.Parse(b.Payload), b.CreatedAt))];

    private static List<StoredTrigger> ToTriggers(List<TriggerRecord> rows) =>
        [.. rows.Select(t => new StoredTrigger(t.Id, t.DefinitionId, t.DefinitionVersionId, t.ActivityId, t.Name, t.Hash, t.Stimulus is null ? null : JsonNode.Parse(t.Stimulus)))];
}
