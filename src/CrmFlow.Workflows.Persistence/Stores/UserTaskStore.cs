using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CrmFlow.Workflows.Persistence.Stores;

/// <summary>The inbox: task rows written by the runtime's commit, read and changed here.</summary>
internal sealed class UserTaskStore(WorkflowsDbContext db, TimeProvider time) : IUserTaskStore
{
    private const string Open = nameof(UserTaskStatus.Open);
    private const string Assigned = nameof(UserTaskStatus.Assigned);

    /// <summary>
    /// The group keys counted by the last <see cref="CountAsync"/> of this scope (one request): the unfiltered group
    /// page of the same caller that follows it (the inbox counts its tabs, then lists) reuses them.
    /// </summary>
    private (string UserId, List<string> Roles, List<KeyTally> Keys)? _countedKeys;

    /// <summary>The open-task tallies as this scope first read them: the tab counts and an "all" list's total share one read.</summary>
    private (int Open, int Assigned)? _tallies;

    public async ValueTask<UserTaskItem?> FindAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var record = await db.UserTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : ToItem(record);
    }

    public async ValueTask<UserTaskPage> ListAsync(UserTaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Scope == UserTaskScope.MyGroups && query.Sort != UserTaskSort.CreatedAt && string.IsNullOrEmpty(query.DefinitionId)
            && string.IsNullOrEmpty(query.SubjectId) && string.IsNullOrEmpty(query.WorkflowInstanceId))
        {
            return await ListGroupAsync(query, cancellationToken).ConfigureAwait(false);
        }

        var tasks = db.UserTasks.AsNoTracking();
        var status = query.Status?.ToString();
        switch (query.Scope)
        {
            case UserTaskScope.Mine:
                tasks = tasks.Where(t => t.Assignee == query.UserId && t.Status == (status ?? Assigned));
                break;
            case UserTaskScope.MyGroups:
                tasks = GroupTasks(query.UserId, query.Roles);
                break;
            case UserTaskScope.History:
                tasks = tasks.Where(t => t.CompletedBy == query.UserId);
                break;
            default:
                tasks = status is null ? OpenTasks() : tasks.Where(t => t.Status == status);
                break;
        }

        if (query.DueBefore is { } before)
        {
            tasks = tasks.Where(t => t.DueAt < before);
        }

        if (query.DueAfter is { } after)
        {
            tasks = tasks.Where(t => t.DueAt >= after);
        }

        if (query.OverdueAt is { } now)
        {
            // My groups' tasks are open already (status Open).
            tasks = query.Scope == UserTaskScope.MyGroups ? tasks.Where(t => t.DueAt <= now) : OpenOnly(tasks).Where(t => t.DueAt <= now);
        }

        if (query.DefinitionId is { Length: > 0 } definitionId)
        {
            tasks = tasks.Where(t => t.DefinitionId == definitionId);
        }

        if (query.SubjectId is { Length: > 0 } subjectId)
        {
            tasks = tasks.Where(t => t.SubjectId == subjectId);
        }

        if (query.WorkflowInstanceId is { Length: > 0 } instanceId)
        {
            tasks = tasks.Where(t => t.WorkflowInstanceId == instanceId);
        }

        var total = !query.CountTotal ? -1
            : IsTallied(query) ? await TalliedTotalAsync(query.Status, cancellationToken).ConfigureAwait(false)
            : await tasks.CountAsync(cancellationToken).ConfigureAwait(false);
        tasks = (query.Scope, query.Sort, query.Descending) switch
        {
            (UserTaskScope.History, _, _) => tasks.OrderByDescending(t => t.CompletedAt).ThenBy(t => t.Id),
            (_, UserTaskSort.Priority, false) => tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
            (_, UserTaskSort.Priority, true) => tasks.OrderBy(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
            (_, UserTaskSort.CreatedAt, false) => tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
            (_, UserTaskSort.CreatedAt, true) => tasks.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id),
            (_, _, true) => tasks.OrderByDescending(t => t.DueAt).ThenBy(t => t.Id),
            _ => tasks.OrderBy(t => t.DueAt).ThenBy(t => t.Id),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var skip = Math.Max(0, query.Page) * pageSize;
        if (skip == 0)
        {
            var records = await tasks.Take(pageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            return new UserTaskPage([.. records.Select(ToItem)], total);
        }

        // A later page: its ids first (OFFSET then skips entries of the covering index, not table rows), then its rows.
        var ids = await tasks.Skip(skip).Take(pageSize).Select(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new UserTaskPage(await ReadInOrderAsync(ids, cancellationToken).ConfigureAwait(false), total);
    }

    /// <summary>The tasks of <paramref name="ids"/> in that order (one gone meanwhile is left out).</summary>
    private async Task<List<UserTaskItem>> ReadInOrderAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var rows = await db.UserTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken).ConfigureAwait(false);
        return [.. ids.Where(rows.ContainsKey).Select(id => ToItem(rows[id]))];
    }

    /// <summary>Every open task, or those of one open status, with no other filter: counted by the tallies.</summary>
    private static bool IsTallied(UserTaskQuery query) =>
        query is { Scope: UserTaskScope.All, DueBefore: null, DueAfter: null, OverdueAt: null, DefinitionId: null or "", SubjectId: null or "", WorkflowInstanceId: null or "" }
        && query.Status is null or UserTaskStatus.Open or UserTaskStatus.Assigned;

    private async Task<int> TalliedTotalAsync(UserTaskStatus? status, CancellationToken cancellationToken)
    {
        _tallies ??= await UserTaskTally.ReadAsync(db, cancellationToken).ConfigureAwait(false);
        var (open, assigned) = _tallies.Value;
        return status switch
        {
            UserTaskStatus.Open => open,
            UserTaskStatus.Assigned => assigned,
            _ => open + assigned,
        };
    }

    /// <summary>
    /// A group queue filtered at most by due time: counted and sorted from the claimable candidate rows alone (a task
    /// matching through several keys counted once; the same order and tie-breaks as the task list), then only the
    /// page's task rows are read.
    /// </summary>
    private async ValueTask<UserTaskPage> ListGroupAsync(UserTaskQuery query, CancellationToken cancellationToken)
    {
        IQueryable<UserTaskCandidateRecord> Filter(IQueryable<UserTaskCandidateRecord> candidates)
        {
            if (query.DueBefore is { } before)
            {
                candidates = candidates.Where(c => c.DueAt < before);
            }

            if (query.DueAfter is { } after)
            {
                candidates = candidates.Where(c => c.DueAt >= after);
            }

            if (query.OverdueAt is { } now)
            {
                candidates = candidates.Where(c => c.DueAt <= now);
            }

            return candidates;
        }

        var unfiltered = query is { DueBefore: null, DueAfter: null, OverdueAt: null };
        var keys = unfiltered && _countedKeys is { } counted && counted.UserId == query.UserId && counted.Roles.SequenceEqual(query.Roles, StringComparer.Ordinal)
            ? counted.Keys
            : await KeyTalliesAsync(query.UserId, query.Roles, Filter, query.OverdueAt ?? DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            return new UserTaskPage([], query.CountTotal ? 0 : -1);
        }

        var tasks = GroupCandidates(keys, Filter).Select(c => new { c.TaskId, c.DueAt, c.Priority });
        var total = !query.CountTotal ? -1 : (await GroupTallyAsync(keys, Filter, DateTimeOffset.MinValue, cancellationToken).ConfigureAwait(false)).Total;
        var ordered = (query.Sort, query.Descending) switch
        {
            (UserTaskSort.Priority, false) => tasks.OrderByDescending(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.TaskId),
            (UserTaskSort.Priority, true) => tasks.OrderBy(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.TaskId),
            (_, true) => tasks.OrderByDescending(t => t.DueAt).ThenBy(t => t.TaskId),
            _ => tasks.OrderBy(t => t.DueAt).ThenBy(t => t.TaskId),
        };
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var ids = await ordered.Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).Select(t => t.TaskId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new UserTaskPage(await ReadInOrderAsync(ids, cancellationToken).ConfigureAwait(false), total);
    }

    public async ValueTask<UserTaskCounts> CountAsync(
        string userId, IReadOnlyList<string> roles, DateTimeOffset now, bool includeAll = true, CancellationToken cancellationToken = default)
    {
        // Two grouped counts (each with its overdue part) instead of one query per tab: mine from the assignee index,
        // my groups from the claimable candidate rows alone (a task matching through several keys counted once).
        var mine = await db.UserTasks.AsNoTracking().Where(t => t.Assignee == userId && t.Status == Assigned)
            .GroupBy(_ => 1)
            .Select(g => new Tally(g.Count(), g.Count(t => t.DueAt <= now)))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? new Tally(0, 0);
        var keys = await KeyTalliesAsync(userId, roles, c => c, now, cancellationToken).ConfigureAwait(false);
        _countedKeys = (userId, [.. roles], keys);
        var groups = await GroupTallyAsync(keys, c => c, now, cancellationToken).ConfigureAwait(false);
        var all = includeAll ? await TalliedTotalAsync(null, cancellationToken).ConfigureAwait(false) : 0;
        return new UserTaskCounts(mine.Total, groups.Total, all, mine.Overdue + groups.Overdue);
    }

    public async ValueTask<IReadOnlyList<UserTaskItem>> ListOpenByInstancesAsync(IReadOnlyCollection<string> workflowInstanceIds, CancellationToken cancellationToken = default)
    {
        var ids = workflowInstanceIds.ToList();
        var records = await db.UserTasks.AsNoTracking()
            .Where(t => ids.Contains(t.WorkflowInstanceId) && (t.Status == Open || t.Status == Assigned))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.Select(ToItem)];
    }

    public async ValueTask<UserTaskItem> AssignAsync(string taskId, long expectedRevision, string? assignee, string actor, string eventKind, string? detail, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var status = assignee is null ? Open : Assigned;
        _countedKeys = null; // what this scope counted before the change no longer holds
        _tallies = null;
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // The revision fixes the status: the update below succeeds only while the row is still at it.
            var before = await db.UserTasks.Where(t => t.Id == taskId && t.Revision == expectedRevision).Select(t => t.Status)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var changed = before is not (Open or Assigned) ? 0 : await db.UserTasks
                .Where(t => t.Id == taskId && t.Revision == expectedRevision && (t.Status == Open || t.Status == Assigned))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Assignee, assignee)
                    .SetProperty(t => t.Status, status)
                    .SetProperty(t => t.ClaimedAt, assignee == null ? null : now)
                    .SetProperty(t => t.Revision, t => t.Revision + 1), cancellationToken).ConfigureAwait(false);
            if (changed == 0)
            {
                throw new UserTaskConflictException($"Task {taskId} was changed by someone else or is no longer open.");
            }

            var claimable = assignee is null;
            await db.UserTaskCandidates.Where(c => c.TaskId == taskId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Claimable, claimable), cancellationToken).ConfigureAwait(false);

            db.UserTaskEvents.Add(new UserTaskEventRecord { Id = Ids.New(), TaskId = taskId, Kind = eventKind, Actor = actor, Detail = detail, At = now });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            var tally = new UserTaskTally();
            tally.Left(before!);
            tally.Entered(status);
            await tally.WriteAsync(db, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        db.ChangeTracker.Clear();
        return (await FindAsync(taskId, cancellationToken).ConfigureAwait(false))!;
    }

    public async ValueTask<UserTaskComment> AddCommentAsync(string taskId, string author, string text, CancellationToken cancellationToken = default)
    {
        var record = new UserTaskCommentRecord { Id = Ids.New(), TaskId = taskId, Author = author, Text = text, CreatedAt = time.GetUtcNow() };
        db.UserTaskComments.Add(record);
        db.UserTaskEvents.Add(new UserTaskEventRecord { Id = Ids.New(), TaskId = taskId, Kind = "Commented", Actor = author, At = record.CreatedAt });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return new UserTaskComment(record.Id, taskId, author, text, record.CreatedAt);
    }

    public async ValueTask<IReadOnlyList<UserTaskComment>> ListCommentsAsync(string taskId, CancellationToken cancellationToken = default) =>
        await db.UserTaskComments.AsNoTracking().Where(c => c.TaskId == taskId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new UserTaskComment(c.Id, c.TaskId, c.Author, c.Text, c.CreatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<UserTaskEvent>> ListEventsAsync(string taskId, CancellationToken cancellationToken = default) =>
        await db.UserTaskEvents.AsNoTracking().Where(e => e.TaskId == taskId).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new UserTaskEvent(e.TaskId, e.Kind, e.Actor, e.Detail, e.At))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    internal static List<string> CandidateKeys(string userId, IEnumerable<string> roles) => ["u:" + userId, .. roles.Select(r => "r:" + r)];

    /// <summary>Open or assigned tasks.</summary>
    private IQueryable<UserTaskRecord> OpenTasks() => OpenOnly(db.UserTasks.AsNoTracking());

    /// <summary>
    /// <c>IsOpen = @open</c>, an equality: SQLite uses an index only for a comparison, not for the bare boolean
    /// column EF Core writes for <c>t.IsOpen</c>.
    /// </summary>
    private static IQueryable<UserTaskRecord> OpenOnly(IQueryable<UserTaskRecord> tasks)
    {
        var open = true;
        return tasks.Where(t => t.IsOpen == open);
    }

    /// <summary>
    /// The candidate rows of unclaimed tasks with the user or one of the roles among the candidates: one range of the
    /// (value, claimable, due, task, priority) index per key. <c>Claimable = @claimable</c> is an equality for the
    /// same reason as in <see cref="OpenOnly"/>.
    /// </summary>
    private IQueryable<UserTaskCandidateRecord> ClaimableCandidates(string userId, IEnumerable<string> roles)
    {
        var keys = CandidateKeys(userId, roles);
        var claimable = true;
        return db.UserTaskCandidates.AsNoTracking().Where(c => keys.Contains(c.Value) && c.Claimable == claimable);
    }

    /// <summary>
    /// The user's keys (user and roles) that have claimable candidate rows passing <paramref name="filter"/>, with
    /// their row counts (and those due by <paramref name="now"/>), largest first: one index range each, no task read.
    /// </summary>
    private async Task<List<KeyTally>> KeyTalliesAsync(
        string userId, IEnumerable<string> roles, Func<IQueryable<UserTaskCandidateRecord>, IQueryable<UserTaskCandidateRecord>> filter,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tallies = await filter(ClaimableCandidates(userId, roles))
            .GroupBy(c => c.Value)
            .Select(g => new KeyTally(g.Key, g.Count(), g.Count(c => c.DueAt <= now)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. tallies.OrderByDescending(k => k.Total).ThenBy(k => k.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// One claimable candidate row per task across <paramref name="keys"/>, without sorting all of them for a
    /// DISTINCT: the first (largest) key's rows as they are, each further key's rows only where the task has no row
    /// under an earlier key (a probe of the primary key per row). A UNION ALL of index ranges.
    /// </summary>
    private IQueryable<UserTaskCandidateRecord> GroupCandidates(
        IReadOnlyList<KeyTally> keys, Func<IQueryable<UserTaskCandidateRecord>, IQueryable<UserTaskCandidateRecord>> filter, int firstKey = 0)
    {
        var claimable = true;
        IQueryable<UserTaskCandidateRecord>? rows = null;
        for (var i = firstKey; i < keys.Count; i++)
        {
            var key = keys[i].Key;
            var arm = filter(db.UserTaskCandidates.AsNoTracking().Where(c => c.Value == key && c.Claimable == claimable));
            if (i > 0)
            {
                var earlier = keys.Take(i).Select(k => k.Key).ToList();
                // Skip(0) (OFFSET 0) keeps the probe a per-row subquery: PostgreSQL would otherwise turn NOT EXISTS
                // into an anti-join and, with the generic plan of a prepared statement, hash every row of the
                // earlier (large) keys to filter a few dozen.
                arm = arm.Where(c => !db.UserTaskCandidates.Where(d => d.TaskId == c.TaskId && earlier.Contains(d.Value)).Skip(0).Any());
            }

            rows = rows is null ? arm : rows.Concat(arm);
        }

        return rows ?? throw new ArgumentException("No keys.", nameof(keys));
    }

    /// <summary>
    /// The group queue's size (and the part due by <paramref name="now"/>), each task once: the first (largest) key's
    /// tally as it is, plus the rows of the further keys whose task has no row under an earlier key.
    /// </summary>
    private async Task<Tally> GroupTallyAsync(
        List<KeyTally> keys, Func<IQueryable<UserTaskCandidateRecord>, IQueryable<UserTaskCandidateRecord>> filter, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return new Tally(0, 0);
        }

        var further = keys.Count == 1 ? null : await GroupCandidates(keys, filter, firstKey: 1).Select(c => c.DueAt)
            .GroupBy(_ => 1)
            .Select(g => new Tally(g.Count(), g.Count(due => due <= now)))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new Tally(keys[0].Total + (further?.Total ?? 0), keys[0].Overdue + (further?.Overdue ?? 0));
    }

    /// <summary>Unclaimed tasks with the user or one of the roles among the candidates, for a group list filtered by the task's other columns.</summary>
    private IQueryable<UserTaskRecord> GroupTasks(string userId, IEnumerable<string> roles)
    {
        var candidateTasks = ClaimableCandidates(userId, roles).Select(c => c.TaskId);
        return db.UserTasks.AsNoTracking().Where(t => t.Status == Open && candidateTasks.Contains(t.Id));
    }

    private sealed record Tally(int Total, int Overdue);

    private sealed record KeyTally(string Key, int Total, int Overdue);

    internal static UserTaskItem ToItem(UserTaskRecord r) => new()
    {
        Id = r.Id,
        WorkflowInstanceId = r.WorkflowInstanceId,
        DefinitionId = r.DefinitionId,
        ProcessName = r.ProcessName,
        ActivityId = r.ActivityId,
        Spec = (JsonSerializer.Deserialize<UserTaskSpec>(r.Spec, UserTaskSpec.JsonOptions) ?? new UserTaskSpec { Title = r.Title }) with { EscalatedAt = r.EscalatedAt },
        Status = Enum.Parse<UserTaskStatus>(r.Status),
        Assignee = r.Assignee,
        CreatedAt = r.CreatedAt,
        ClaimedAt = r.ClaimedAt,
        CompletedAt = r.CompletedAt,
        CompletedBy = r.CompletedBy,
        Outcome = r.Outcome,
        Result = r.Result is null ? null : JsonNode.Parse(r.Result) as JsonObject,
        Revision = r.Revision,
    };

    /// <summary>
    /// Called by the runtime inside its commit transaction: completes the task of the consumed bookmark, creates a row
    /// (with candidates) for every new task bookmark, records escalations, and cancels open tasks whose bookmark is gone.
    /// A closed task's candidate rows are deleted (at once, in the same transaction): they exist only for open tasks.
    /// The change in open tasks per status goes to <paramref name="tally"/>, for the caller to write before its commit.
    /// </summary>
    internal static async Task SyncAsync(
        WorkflowsDbContext db, WorkflowState state, string? consumedBookmarkId, IDictionary<string, object?>? resumeInput, DateTimeOffset now, UserTaskTally tally,
        CancellationToken cancellationToken)
    {
        var open = await db.UserTasks.Where(t => t.WorkflowInstanceId == state.Id && (t.Status == Open || t.Status == Assigned))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var taskBookmarks = state.Bookmarks.Where(UserTaskBookmarks.IsTask).ToList();
        if (open.Count == 0 && taskBookmarks.Count == 0)
        {
            return;
        }

        foreach (var record in open)
        {
            var status = record.Status;
            if (record.Id == consumedBookmarkId && Text(resumeInput, UserTaskResume.WithdrawnKey) is { } reason)
            {
                // Withdrawn: the flow no longer needs it (e.g. the answer came in another way).
                record.Close(UserTaskStatus.Cancelled, now);
                db.UserTaskEvents.Add(new UserTaskEventRecord { Id = Ids.New(), TaskId = record.Id, Kind = "Withdrawn", Detail = reason, At = now });
            }
            else if (record.Id == consumedBookmarkId)
            {
                record.Close(UserTaskStatus.Completed, now);
                record.CompletedBy = Text(resumeInput, UserTaskResume.CompletedByKey);
                record.Outcome = Text(resumeInput, UserTaskResume.OutcomeKey);
                record.Result = resumeInput != null && resumeInput.TryGetValue(UserTaskResume.ValuesKey, out var values) && values != null
                    ? (values is JsonNode node ? node.ToJsonString() : JsonSerializer.Serialize(values))
                    : null;
                db.UserTaskEvents.Add(new UserTaskEventRecord { Id = Ids.New(), TaskId = record.Id, Kind = "Completed", Actor = record.CompletedBy, Detail = record.Outcome, At = now });
            }
            else if (taskBookmarks.Find(b => b.Id == record.Id) is { } bookmark)
            {
                if (record.EscalatedAt is null && UserTaskSpec.FromJson(bookmark.Payload)?.EscalatedAt is { } escalatedAt)
                {
                    record.EscalatedAt = escalatedAt;
                    record.Revision++;
                    db.UserTaskEvents.Add(new UserTaskEventRecord { Id = Ids.New(), TaskId = record.Id, Kind = "Escalated", At = escalatedAt });
                }
            }
            else
            {
                record.Close(UserTaskStatus.Cancelled, now);
                db.UserTaskEvents.Add(new UserTaskEventRecord { Id = Ids.New(), TaskId = record.Id, Kind = "Cancelled", At = now });
            }
            if (!record.IsOpen)
            {
                tally.Left(status);
            }
        }

        var closed = open.Where(r => !r.IsOpen).Select(r => r.Id).ToList();
        if (closed.Count > 0)
        {
            await db.UserTaskCandidates.Where(c => closed.Contains(c.TaskId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var bookmark in taskBookmarks.Where(b => open.TrueForAll(r => r.Id != b.Id)))
        {
            if (UserTaskSpec.FromJson(bookmark.Payload) is not { } spec)
            {
                continue;
            }

            var status = spec.Assignee is null ? Open : Assigned;
            tally.Entered(status);
            db.UserTasks.Add(new UserTaskRecord
            {
                Id = bookmark.Id,
                WorkflowInstanceId = state.Id,
                DefinitionId = state.DefinitionId ?? string.Empty,
                ProcessName = state.Name,
                ActivityId = bookmark.ActivityId,
                Title = spec.Title.Length > 512 ? spec.Title[..512] : spec.Title,
                Status = status,
                IsOpen = true,
                Assignee = spec.Assignee,
                SubjectId = spec.SubjectId,
                Reference = spec.Reference,
                Priority = spec.Priority,
                DueAt = spec.DueAt,
                FollowUpAt = spec.FollowUpAt,
                EscalatedAt = spec.EscalatedAt,
                CreatedAt = bookmark.CreatedAt,
                ClaimedAt = spec.Assignee is null ? null : bookmark.CreatedAt,
                Spec = bookmark.Payload!.ToJsonString(),
            });
            foreach (var value in spec.CandidateUsers.Select(u => "u:" + u).Concat(spec.CandidateRoles.Select(r => "r:" + r)).Distinct(StringComparer.Ordinal))
            {
                db.UserTaskCandidates.Add(new UserTaskCandidateRecord
                {
                    TaskId = bookmark.Id,
                    Value = value,
                    Claimable = spec.Assignee is null,
                    DueAt = spec.DueAt,
                    Priority = spec.Priority,
                });
            }

            db.UserTaskEvents.Add(new UserTaskEventRecord { Id = Ids.New(), TaskId = bookmark.Id, Kind = "Created", Detail = spec.Assignee, At = bookmark.CreatedAt });
        }
    }

    private static string? Text(IDictionary<string, object?>? input, string key) =>
        input != null && input.TryGetValue(key, out var value) ? value?.ToString() : null;
}
