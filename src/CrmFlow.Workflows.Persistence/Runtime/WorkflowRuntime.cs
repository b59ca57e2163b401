using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Persistence.Entities;
using CrmFlow.Workflows.Persistence.Stores;
using CrmFlow.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace CrmFlow.Workflows.Persistence.Runtime;

/// <summary>Section <c>Workflows:Runtime</c>.</summary>
public sealed class WorkflowRuntimeOptions
{
    public const string SectionName = "Workflows:Runtime";

    /// <summary>How long a resume waits for an instance's lock.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the timer and dispatch loops look for due work (also woken at once by local changes).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a host's claim on a due timer or dispatched instance holds before another host may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Name of this host in lease columns (defaults to machine name + process id + a random suffix).</summary>
    public string? HostName { get; set; }

    /// <summary>Run the timer and dispatch loops in this host.</summary>
    public bool EnableBackgroundWork { get; set; } = true;

    /// <summary>
    /// How long a host keeps the trigger rows it read (the HTTP route table) before reading them again, and uses a
    /// definition version whose content hash it checked without checking again; this host's own definition changes
    /// clear both at once, another host's take effect here within this time. Zero: no cache.
    /// </summary>
    public TimeSpan TriggerCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Concurrent group-commit transactions per host on PostgreSQL and SQL Server (SQLite always uses one).</summary>
    public int CommitWriters { get; set; } = 4;

    /// <summary>Finished instances older than this are deleted with their journal; null (default) keeps them.</summary>
    public TimeSpan? RetentionPeriod { get; set; }
}

/// <summary>
/// The persistent runtime. Per call: take the instance lock, load the last committed state, run the engine,
/// commit instance row, bookmarks, timers, journal and incidents in one transaction. A resume deletes its
/// bookmark row in that transaction and fails with a conflict when the row is already gone (exactly once).
/// </summary>
internal sealed partial class WorkflowRuntime(
    WorkflowsDbContext db,
    IWorkflowRunner runner,
    WorkflowDefinitionStore definitions,
    IBookmarkStore bookmarks,
    IWorkflowInstanceLock locks,
    InstanceCommitQueue commits,
    RuntimeEventPublisher events,
    RuntimeSignals signals,
    IOptions<WorkflowRuntimeOptions> options,
    TimeProvider time,
    IServiceScopeFactory scopes,
    ILogger<WorkflowRuntime> logger) : IWorkflowRuntime, IWorkflowDispatcher
{
    public const string DispatchedProperty = "CrmFlow:Dispatched";

    public async ValueTask<WorkflowRunResult> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = await ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        if (await RefusedByActivationStrategyAsync(definition, request.CorrelationId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new WorkflowRunResult(WorkflowRunOutcome.NotActivated, existing);
        }

        var result = await runner.RunAsync(definition, ToRunOptions(request), cancellationToken).ConfigureAwait(false);
        await CommitAsync(result.State, record: null, consumedBookmarkId: null, PersistedShape.Empty, cancellationToken).ConfigureAwait(false);
        await AfterCommitAsync(result.State, cancellationToken).ConfigureAwait(false);
        return new WorkflowRunResult(WorkflowRunOutcome.Started, result.State);
    }

    public ValueTask<WorkflowRunResult> ResumeAsync(ResumeBookmarkRequest request, CancellationToken cancellationToken = default) =>
        ResumeAsync(request, found: null, cancellationToken);

    /// <summary>Resumes a bookmark; <paramref name="found"/> is its row when the caller has just read it.</summary>
    private async ValueTask<WorkflowRunResult> ResumeAsync(ResumeBookmarkRequest request, StoredBookmark? found, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The bookmark, the instance and its version are read over one connection (the lock keeps its own).
        var connection = await WorkflowConnection.KeepOpenAsync(db, cancellationToken).ConfigureAwait(false);
        await using var _ = connection.ConfigureAwait(false);
        var bookmark = found ?? await bookmarks.FindAsync(request.BookmarkId, cancellationToken).ConfigureAwait(false);
        if (bookmark is null || (request.WorkflowInstanceId != null && bookmark.WorkflowInstanceId != request.WorkflowInstanceId))
        {
            if (await db.Journal.AnyAsync(j => j.BookmarkId == request.BookmarkId && j.EventName == JournalEvents.Resumed, cancellationToken).ConfigureAwait(false))
            {
                throw new WorkflowConflictException($"Bookmark {request.BookmarkId} has already been resumed.");
            }

            throw new WorkflowNotFoundException($"Bookmark {request.BookmarkId} does not exist.");
        }

        var instanceId = bookmark.WorkflowInstanceId;
        if (await TryLockWhileReadingAsync(instanceId, (lockDb, key) => BookmarkQueries.For(lockDb).LockedInstanceAsync(lockDb, instanceId, key, cancellationToken), cancellationToken).ConfigureAwait(false) is { } locked)
        {
            return await ResumeLockedAsync(request, instanceId, locked.Handle, locked.Row, cancellationToken).ConfigureAwait(false);
        }

        var handle = await AcquireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return await ResumeLockedAsync(request, instanceId, handle, record: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resumes under <paramref name="handle"/>, the instance's lock (released here); <paramref name="record"/> is its row when read under that lock.</summary>
    private async ValueTask<WorkflowRunResult> ResumeLockedAsync(
        ResumeBookmarkRequest request, string instanceId, IAsyncDisposable handle, WorkflowInstanceRecord? record, CancellationToken cancellationToken)
    {
        await using (handle.ConfigureAwait(false))
        {
            record ??= await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false)
                ?? throw new WorkflowNotFoundException($"Workflow instance {instanceId} does not exist.");
            var state = WorkflowStateSerializer.Deserialize(record.Data);
            var before = PersistedShape.Of(state);
            if (state.Bookmarks.All(b => b.Id != request.BookmarkId))
            {
                throw new WorkflowConflictException($"Bookmark {request.BookmarkId} has already been resumed.");
            }

            var definition = await FindVersionAsync(state, cancellationToken).ConfigureAwait(false);
            await runner.ResumeAsync(definition, state, request.BookmarkId, request.Input, cancellationToken).ConfigureAwait(false);
            await CommitAsync(state, record, request.BookmarkId, before, cancellationToken, request.Input).ConfigureAwait(false);
            LogResumed(logger, state.Id, request.BookmarkId, state.SubStatus);
            await AfterCommitAsync(state, cancellationToken, handle).ConfigureAwait(false);
            return new WorkflowRunResult(WorkflowRunOutcome.Resumed, state);
        }
    }

    public async ValueTask<IReadOnlyList<WorkflowRunResult>> TriggerAsync(TriggerWorkflowsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connection = await WorkflowConnection.KeepOpenAsync(db, cancellationToken).ConfigureAwait(false);
        await using var _ = connection.ConfigureAwait(false);
        var hash = BookmarkHasher.Hash(request.ActivityType, request.Stimulus);
        var results = new List<WorkflowRunResult>();
        if (request.WorkflowInstanceId is { } instanceId)
        {
            await ResumeInstanceAsync(request, instanceId, hash, results, cancellationToken).ConfigureAwait(false);
            return results;
        }

        foreach (var bookmark in await bookmarks.ListByHashAsync(hash, request.CorrelationId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await TryResumeAsync(request, bookmark, handle: null, record: null, results, cancellationToken).ConfigureAwait(false);
        }

        if (request.StartNew)
        {
            foreach (var trigger in await bookmarks.ListTriggersByHashAsync(hash, cancellationToken).ConfigureAwait(false))
            {
                results.Add(await StartAsync(new StartWorkflowRequest(trigger.DefinitionId)
                {
                    DefinitionVersionId = trigger.DefinitionVersionId,
                    TriggerActivityId = trigger.ActivityId,
                    CorrelationId = request.CorrelationId,
                    Input = request.Input,
                }, cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }

    /// <summary>
    /// A stimulus for one known instance: its lock first, then its row and its matching bookmarks in one read (on
    /// PostgreSQL, when the lock is free, the lock and the read in one round trip). The first bookmark resumes under
    /// that lock and with that row; any others (rare) resume one by one after it.
    /// </summary>
    private async Task ResumeInstanceAsync(TriggerWorkflowsRequest request, string instanceId, string hash, List<WorkflowRunResult> results, CancellationToken cancellationToken)
    {
        IAsyncDisposable handle;
        WorkflowInstanceRecord? record;
        List<StoredBookmark> found;
        var queries = BookmarkQueries.For(db);
        if (await TryLockWhileReadingAsync(instanceId, (lockDb, key) => queries.LockedInstanceWithMatchingAsync(lockDb, instanceId, key, hash, request.CorrelationId, cancellationToken), cancellationToken).ConfigureAwait(false) is { } locked)
        {
            (handle, record, found) = (locked.Handle, locked.Row.Instance, WorkflowInstanceStore.ToBookmarks(locked.Row.Bookmarks));
        }
        else
        {
            try
            {
                handle = await AcquireAsync(instanceId, cancellationToken).ConfigureAwait(false);
            }
            catch (WorkflowConflictException ex)
            {
                LogInstanceSkipped(logger, instanceId, ex.Message);
                return;
            }

            try
            {
                var row = await queries.InstanceWithMatchingAsync(db, instanceId, hash, request.CorrelationId, cancellationToken).ConfigureAwait(false);
                record = row?.Instance;
                found = row is null ? [] : WorkflowInstanceStore.ToBookmarks(row.Bookmarks);
            }
            catch
            {
                await handle.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        if (found.Count == 0)
        {
            await handle.DisposeAsync().ConfigureAwait(false);
            return;
        }

        await TryResumeAsync(request, found[0], handle, record, results, cancellationToken).ConfigureAwait(false);
        foreach (var bookmark in found.Skip(1))
        {
            await TryResumeAsync(request, bookmark, handle: null, record: null, results, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Resumes one bookmark a trigger matched (under <paramref name="handle"/> when already held); a conflict or a vanished instance skips it.</summary>
    private async Task TryResumeAsync(
        TriggerWorkflowsRequest request, StoredBookmark bookmark, IAsyncDisposable? handle, WorkflowInstanceRecord? record, List<WorkflowRunResult> results, CancellationToken cancellationToken)
    {
        var resume = new ResumeBookmarkRequest(bookmark.Id) { Input = request.Input };
        try
        {
            results.Add(handle is null
                ? await ResumeAsync(resume, bookmark, cancellationToken).ConfigureAwait(false)
                : await ResumeLockedAsync(resume, bookmark.WorkflowInstanceId, handle, record, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is WorkflowConflictException or WorkflowNotFoundException)
        {
            LogSkipped(logger, bookmark.Id, ex.Message);
        }
    }

    public async ValueTask<WorkflowRunResult?> CancelAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var handle = await AcquireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await using (handle.ConfigureAwait(false))
        {
            var record = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return null;
            }

            var state = WorkflowStateSerializer.Deserialize(record.Data);
            var before = PersistedShape.Of(state);
            if (state.Status == WorkflowStatus.Finished)
            {
                return new WorkflowRunResult(WorkflowRunOutcome.Resumed, state);
            }

            if (state.SubStatus == WorkflowSubStatus.Pending)
            {
                state.Status = WorkflowStatus.Finished;
                state.SubStatus = WorkflowSubStatus.Cancelled;
                state.FinishedAt = time.GetUtcNow();
            }
            else
            {
                var definition = await FindVersionAsync(state, cancellationToken).ConfigureAwait(false);
                await runner.CancelAsync(definition, state, cancellationToken).ConfigureAwait(false);
            }

            state.Bookmarks.Clear();
            await CommitAsync(state, record, null, before, cancellationToken).ConfigureAwait(false);
            return new WorkflowRunResult(WorkflowRunOutcome.Resumed, state);
        }
    }

    public async ValueTask<WorkflowRunResult?> RetryAsync(string instanceId, IReadOnlyCollection<string>? activityIds = null, CancellationToken cancellationToken = default)
    {
        var handle = await AcquireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await using (handle.ConfigureAwait(false))
        {
            var record = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return null;
            }

            var state = WorkflowStateSerializer.Deserialize(record.Data);
            var before = PersistedShape.Of(state);
            if (state.SubStatus == WorkflowSubStatus.Faulted && state.Contexts.Exists(c => c.Status == ActivityStatus.Faulted))
            {
                var definition = await FindVersionAsync(state, cancellationToken).ConfigureAwait(false);
                await runner.RetryAsync(definition, state, activityIds, cancellationToken).ConfigureAwait(false);
                await CommitAsync(state, record, null, before, cancellationToken).ConfigureAwait(false);
                LogRetried(logger, state.Id, state.SubStatus);
                await AfterCommitAsync(state, cancellationToken, handle).ConfigureAwait(false);
                return new WorkflowRunResult(WorkflowRunOutcome.Resumed, state);
            }

            // Nothing left to run again (the incidents of continue-with-incidents, or a state from before faulted
            // activities were kept): clear the incidents; a faulted instance that still waits on bookmarks becomes
            // Suspended again so they can be resumed.
            state.Incidents.Clear();
            if (state.SubStatus == WorkflowSubStatus.Faulted && state.Bookmarks.Count > 0)
            {
                state.Status = WorkflowStatus.Running;
                state.SubStatus = WorkflowSubStatus.Suspended;
                state.FinishedAt = null;
            }

            await CommitAsync(state, record, null, before, cancellationToken).ConfigureAwait(false);
            return new WorkflowRunResult(WorkflowRunOutcome.Resumed, state);
        }
    }

    public async ValueTask<string> DispatchAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = await ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var state = PendingState(definition, request, now);
        db.WorkflowInstances.Add(NewRecord(state, WorkflowStateSerializer.Serialize(state)));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        signals.Wake();
        return state.Id;
    }

    /// <summary>Runs a dispatched (Pending) instance claimed by this host.</summary>
    public async ValueTask<WorkflowRunResult?> RunPendingAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var handle = await AcquireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await using (handle.ConfigureAwait(false))
        {
            var record = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false);
            if (record is null || record.SubStatus != nameof(WorkflowSubStatus.Pending))
            {
                return null;
            }

            var pending = WorkflowStateSerializer.Deserialize(record.Data);
            var definition = await FindVersionAsync(pending, cancellationToken).ConfigureAwait(false);
            var properties = new Dictionary<string, object?>(pending.Properties);
            properties.Remove(DispatchedProperty);
            var result = await runner.RunAsync(definition, new RunWorkflowOptions
            {
                InstanceId = pending.Id,
                CorrelationId = pending.CorrelationId,
                Input = pending.Input,
                Properties = properties,
                TriggerActivityId = pending.TriggerActivityId,
                ParentWorkflowInstanceId = pending.ParentWorkflowInstanceId,
            }, cancellationToken).ConfigureAwait(false);
            result.State.CreatedAt = pending.CreatedAt;
            record.LeasedBy = null;
            record.LeaseUntil = null;
            await CommitAsync(result.State, record, null, PersistedShape.Empty, cancellationToken).ConfigureAwait(false);
            await AfterCommitAsync(result.State, cancellationToken, handle).ConfigureAwait(false);
            return new WorkflowRunResult(WorkflowRunOutcome.Started, result.State);
        }
    }

    async ValueTask<string> IWorkflowDispatcher.DispatchAsync(DispatchWorkflowRequest request, CancellationToken cancellationToken) =>
        await DispatchAsync(new StartWorkflowRequest(request.DefinitionId)
        {
            CorrelationId = request.CorrelationId,
            Input = request.Input,
            ParentWorkflowInstanceId = request.ParentWorkflowInstanceId,
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>A start request persisted as a Pending instance (the dispatch loop or a due start timer runs it).</summary>
    internal static WorkflowState PendingState(WorkflowDefinition definition, StartWorkflowRequest request, DateTimeOffset now)
    {
        var state = new WorkflowState
        {
            Id = request.InstanceId ?? Guid.CreateVersion7(now).ToString("N"),
            DefinitionId = definition.DefinitionId,
            DefinitionVersionId = definition.Id,
            DefinitionVersion = definition.Version,
            CorrelationId = request.CorrelationId,
            Name = definition.Name,
            TriggerActivityId = request.TriggerActivityId,
            ParentWorkflowInstanceId = request.ParentWorkflowInstanceId,
            Status = WorkflowStatus.Running,
            SubStatus = WorkflowSubStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var (k, v) in request.Input ?? new Dictionary<string, object?>())
        {
            state.Input[k] = v;
        }

        foreach (var (k, v) in request.Properties ?? new Dictionary<string, object?>())
        {
            state.Properties[k] = v;
        }

        state.Properties[DispatchedProperty] = true;
        return state;
    }

    internal static WorkflowInstanceRecord NewRecord(WorkflowState state, string data) => new()
    {
        Id = state.Id,
        DefinitionId = state.DefinitionId ?? string.Empty,
        DefinitionVersionId = state.DefinitionVersionId ?? string.Empty,
        Version = state.DefinitionVersion,
        Name = state.Name,
        CorrelationId = state.CorrelationId,
        ParentWorkflowInstanceId = state.ParentWorkflowInstanceId,
        Status = state.Status.ToString(),
        SubStatus = state.SubStatus.ToString(),
        IncidentCount = state.Incidents.Count,
        CreatedAt = state.CreatedAt,
        UpdatedAt = state.UpdatedAt,
        FinishedAt = state.FinishedAt,
        Data = data,
    };

    private async Task CommitAsync(WorkflowState state, WorkflowInstanceRecord? record, string? consumedBookmarkId, PersistedShape before, CancellationToken cancellationToken, IDictionary<string, object?>? resumeInput = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var journal = state.Journal;
        state.Journal = [];
        var now = time.GetUtcNow();
        state.UpdatedAt = now;
        if (state.Status == WorkflowStatus.Finished)
        {
            state.FinishedAt ??= now;
        }

        // Everything is built here, outside the transaction; the commit queue only writes.
        var data = WorkflowStateSerializer.Serialize(state);
        var isNew = record is null;
        if (record is null)
        {
            record = NewRecord(state, data);
        }
        else
        {
            record.Name = state.Name;
            record.CorrelationId = state.CorrelationId;
            record.Status = state.Status.ToString();
            record.SubStatus = state.SubStatus.ToString();
            record.IncidentCount = state.Incidents.Count;
            record.UpdatedAt = state.UpdatedAt;
            record.FinishedAt = state.FinishedAt;
            record.Data = data;
        }

        var sequence = record.JournalCount;
        var journalRows = new List<JournalRecord>(journal.Count);
        foreach (var entry in journal)
        {
            journalRows.Add(ToJournal(state.Id, sequence++, entry));
        }

        record.JournalCount = sequence;

        // Bookmarks are diffed against the committed state: unchanged rows stay, the rest are deleted or added.
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var addedBookmarks = new List<BookmarkRecord>();
        var addedTimers = new List<ScheduledTimerRecord>();
        foreach (var bookmark in state.Bookmarks)
        {
            if (bookmark.Id != consumedBookmarkId && before.Bookmarks.TryGetValue(bookmark.Id, out var shape) && shape == PersistedShape.Of(bookmark))
            {
                kept.Add(bookmark.Id);
                continue;
            }

            addedBookmarks.Add(new BookmarkRecord
            {
                Id = bookmark.Id,
                WorkflowInstanceId = state.Id,
                CorrelationId = state.CorrelationId,
                Name = bookmark.Name,
                Hash = bookmark.Hash,
                ActivityId = bookmark.ActivityId,
                ActivityInstanceId = bookmark.ActivityInstanceId,
                Stimulus = bookmark.Stimulus?.ToJsonString(),
                Payload = bookmark.Payload?.ToJsonString(),
                CreatedAt = bookmark.CreatedAt,
            });
            if (ResumeAt(bookmark) is { } due)
            {
                addedTimers.Add(new ScheduledTimerRecord
                {
                    Id = Ids.New(),
                    DueAt = due,
                    WorkflowInstanceId = state.Id,
                    BookmarkId = bookmark.Id,
                    DefinitionId = state.DefinitionId,
                    ActivityId = bookmark.ActivityId,
                });
            }
        }

        var removed = before.Bookmarks.Keys.Where(id => id != consumedBookmarkId && !kept.Contains(id)).ToList();
        var replaceIncidents = before.IncidentCount > 0 || state.Incidents.Count > 0;
        var incidents = replaceIncidents
            ? state.Incidents.Select(incident => new IncidentRecord
            {
                Id = Ids.New(),
                WorkflowInstanceId = state.Id,
                ActivityId = incident.ActivityId,
                ActivityNodeId = incident.ActivityNodeId,
                ActivityType = incident.ActivityType,
                Message = incident.Message,
                ExceptionType = incident.ExceptionType,
                StackTrace = incident.StackTrace,
                Timestamp = incident.Timestamp,
            }).ToList()
            : [];

        db.ChangeTracker.Clear();
        await commits.CommitAsync(new InstanceCommit
        {
            Instance = record,
            IsNew = isNew,
            ConsumedBookmarkId = consumedBookmarkId,
            RemovedBookmarkIds = removed,
            AddedBookmarks = addedBookmarks,
            AddedTimers = addedTimers,
            ReplaceIncidents = replaceIncidents,
            Incidents = incidents,
            Journal = journalRows,
            UserTasks = before.HasUserTasks || state.Bookmarks.Exists(PersistedShape.IsUserTask)
                ? new UserTaskSync(state, resumeInput, now)
                : null,
        }).ConfigureAwait(false);

        if (addedTimers.Count > 0)
        {
            signals.Wake();
        }
    }

    /// <summary>After the commit: deliver events published during the burst and tell a waiting parent that its child finished.</summary>
    private async Task AfterCommitAsync(WorkflowState state, CancellationToken cancellationToken, IAsyncDisposable? heldLock = null)
    {
        if (heldLock != null)
        {
            // Release before delivering: an event may resume this very instance.
            await heldLock.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var publication in events.Drain())
        {
            await TriggerAsync(new TriggerWorkflowsRequest(TriggerIndexer.EventType, Activities.Event.Stimulus(publication.EventName))
            {
                CorrelationId = publication.CorrelationId,
                WorkflowInstanceId = publication.WorkflowInstanceId,
                Input = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Payload"] = publication.Payload },
            }, cancellationToken).ConfigureAwait(false);
        }

        if (state.Status == WorkflowStatus.Finished && state.ParentWorkflowInstanceId is { } parentId)
        {
            var stimulus = new JsonObject { ["childInstanceId"] = state.Id };
            var input = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["WorkflowInstanceId"] = state.Id,
                ["Output"] = new Dictionary<string, object?>(state.Output, StringComparer.Ordinal),
            };
            foreach (var type in new[] { "Elsa.DispatchWorkflow", "Elsa.ExecuteWorkflow" })
            {
                await TriggerAsync(new TriggerWorkflowsRequest(type, stimulus) { WorkflowInstanceId = parentId, StartNew = false, Input = input }, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static DateTimeOffset? ResumeAt(Bookmark bookmark) =>
        bookmark.Payload is JsonObject o && o["resumeAt"] is JsonValue v && v.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    private static JournalRecord ToJournal(string instanceId, long sequence, JournalEntry entry)
    {
        string? payload = null;
        if (entry.Inputs is { Count: > 0 } || entry.Outputs is { Count: > 0 } || entry.Outcomes is { Count: > 0 })
        {
            // Written straight to UTF-8 (no intermediate JSON nodes): {"inputs":…,"outputs":…,"outcomes":…}.
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                if (entry.Inputs is { Count: > 0 })
                {
                    writer.WritePropertyName("inputs");
                    JsonSerializer.Serialize(writer, entry.Inputs, WorkflowStateSerializer.Options);
                }

                if (entry.Outputs is { Count: > 0 })
                {
                    writer.WritePropertyName("outputs");
                    JsonSerializer.Serialize(writer, entry.Outputs, WorkflowStateSerializer.Options);
                }

                if (entry.Outcomes is { Count: > 0 })
                {
                    writer.WritePropertyName("outcomes");
                    JsonSerializer.Serialize(writer, entry.Outcomes, WorkflowStateSerializer.Options);
                }

                writer.WriteEndObject();
            }

            payload = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        return new JournalRecord
        {
            Id = Ids.New(),
            WorkflowInstanceId = instanceId,
            Sequence = sequence,
            Timestamp = entry.Timestamp,
            EventName = entry.EventName,
            ActivityInstanceId = entry.ActivityInstanceId,
            ParentActivityInstanceId = entry.ParentActivityInstanceId,
            ActivityId = entry.ActivityId,
            ActivityType = entry.ActivityType,
            ActivityName = entry.ActivityName,
            Message = entry.Message,
            BookmarkId = entry.BookmarkId,
            Payload = payload,
        };
    }

    private async Task<WorkflowDefinition> ResolveAsync(StartWorkflowRequest request, CancellationToken cancellationToken)
    {
        if (request.Definition is { } given)
        {
            return given;
        }

        var definition = request.DefinitionVersionId is { } versionId
            ? await definitions.FindExecutableAsync(versionId, cancellationToken).ConfigureAwait(false)
            : await definitions.FindExecutableAsync(request.DefinitionId, request.VersionOptions, cancellationToken).ConfigureAwait(false);
        return definition ?? throw new WorkflowNotFoundException($"Workflow definition '{request.DefinitionId}' has no {(request.DefinitionVersionId is null ? request.VersionOptions.Selector.ToString().ToLowerInvariant() : "such")} version.");
    }

    private async Task<WorkflowDefinition> FindVersionAsync(WorkflowState state, CancellationToken cancellationToken) =>
        await definitions.FindExecutableAsync(state.DefinitionVersionId ?? string.Empty, cancellationToken).ConfigureAwait(false)
        ?? throw new WorkflowNotFoundException($"Definition version {state.DefinitionVersionId} of instance {state.Id} no longer exists.");

    private async Task<WorkflowState?> RefusedByActivationStrategyAsync(WorkflowDefinition definition, string? correlationId, CancellationToken cancellationToken)
    {
        var strategy = definition.Options.ActivationStrategyType;
        if (string.IsNullOrEmpty(strategy) || strategy.Contains("AllowAlways", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var running = db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DefinitionId == definition.DefinitionId && i.Status == nameof(WorkflowStatus.Running));
        var correlated = strategy.Contains("Correlat", StringComparison.OrdinalIgnoreCase);
        if (correlated)
        {
            running = running.Where(i => i.CorrelationId == correlationId);
        }
        else if (!strategy.Contains("Singleton", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var data = await running.Select(i => i.Data).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return data is null ? null : WorkflowStateSerializer.Deserialize(data);
    }

    private static RunWorkflowOptions ToRunOptions(StartWorkflowRequest request) => new()
    {
        InstanceId = request.InstanceId,
        CorrelationId = request.CorrelationId,
        Input = request.Input,
        Properties = request.Properties,
        TriggerActivityId = request.TriggerActivityId,
        ParentWorkflowInstanceId = request.ParentWorkflowInstanceId,
    };

    /// <summary>
    /// The instance lock without waiting and without a round trip of its own, where the database allows it
    /// (PostgreSQL): a transaction whose first query, <paramref name="read"/>, takes the instance's advisory lock for
    /// the transaction and returns the instance's row only when it got the lock. The transaction runs on a context
    /// (and connection) of its own, which only that read uses: whatever the burst writes through the request's context
    /// (a dispatched child, say) commits on its own as it always did, never inside the lock's transaction. The handle
    /// commits that transaction, which releases the lock (as closing the connection would, should the host die). Null
    /// when this path does not apply or the read returned nothing (the instance is gone or its lock is held elsewhere;
    /// the transaction is then rolled back and the caller takes the waiting path).
    /// </summary>
    private async Task<(IAsyncDisposable Handle, T Row)?> TryLockWhileReadingAsync<T>(
        string instanceId, Func<WorkflowsDbContext, long, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        if (locks is not PostgresInstanceLock || PostgresInstanceLock.TransactionKey(instanceId) is not { } key)
        {
            return null;
        }

        var scope = scopes.CreateAsyncScope();
        IDbContextTransaction? transaction = null;
        try
        {
            var lockDb = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();

            // Npgsql sends BEGIN with the next command: no round trip of its own.
            transaction = await lockDb.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (await read(lockDb, key).ConfigureAwait(false) is { } row)
            {
                return (new TransactionLock(scope, transaction, instanceId, logger), row);
            }
        }
        catch
        {
            await ReleaseAsync(scope, transaction).ConfigureAwait(false);
            throw;
        }

        await ReleaseAsync(scope, transaction).ConfigureAwait(false);
        return null;

        static async ValueTask ReleaseAsync(AsyncServiceScope scope, IDbContextTransaction? transaction)
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An instance lock held by a transaction of its own; disposing commits it (it wrote nothing), releasing the lock,
    /// and returns its context. A commit that fails (a broken connection, a server that ended the idle transaction)
    /// has released the lock as well, and loses nothing: it is logged, not thrown, since the burst is already committed.
    /// </summary>
    private sealed class TransactionLock(AsyncServiceScope scope, IDbContextTransaction transaction, string instanceId, ILogger logger) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            try
            {
                await using (transaction.ConfigureAwait(false))
                {
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                LogLockTransactionFailed(logger, ex, instanceId);
            }
            finally
            {
                await scope.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<IAsyncDisposable> AcquireAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return await locks.AcquireAsync(instanceId, options.Value.LockTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new WorkflowConflictException(ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Resumed workflow instance {InstanceId} at bookmark {BookmarkId}: {SubStatus}")]
    private static partial void LogResumed(ILogger logger, string instanceId, string bookmarkId, WorkflowSubStatus subStatus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retried the faulted activities of workflow instance {InstanceId}: {SubStatus}")]
    private static partial void LogRetried(ILogger logger, string instanceId, WorkflowSubStatus subStatus);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped bookmark {BookmarkId}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string bookmarkId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The transaction that held the lock of workflow instance {InstanceId} could not be committed; the lock went with it")]
    private static partial void LogLockTransactionFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped workflow instance {InstanceId}: {Reason}")]
    private static partial void LogInstanceSkipped(ILogger logger, string instanceId, string reason);
}

/// <summary>What the last commit wrote for an instance's bookmarks and incidents (the base of the next commit's diff).</summary>
internal sealed record PersistedShape(IReadOnlyDictionary<string, string> Bookmarks, int IncidentCount, bool HasUserTasks)
{
    public static readonly PersistedShape Empty = new(new Dictionary<string, string>(), 0, false);

    public static PersistedShape Of(WorkflowState state) =>
        new(state.Bookmarks.ToDictionary(b => b.Id, Of, StringComparer.Ordinal), state.Incidents.Count, state.Bookmarks.Exists(IsUserTask));

    /// <summary>A bookmark with an inbox row (see <see cref="UserTaskStore.SyncAsync"/>): task rows exist only for these.</summary>
    public static bool IsUserTask(Bookmark bookmark) => UserTaskBookmarks.IsTask(bookmark);

    /// <summary>A bookmark row is kept only when its hash and payload (which carries a timer's due time) are unchanged.</summary>
    public static string Of(Bookmark bookmark) => bookmark.Hash + "|" + bookmark.Payload?.ToJsonString();
}

/// <summary>Collects events published during a burst (<c>Elsa.PublishEvent</c>); the runtime delivers them after its commit.</summary>
internal sealed class RuntimeEventPublisher : IEventPublisher
{
    private readonly List<EventPublication> _pending = [];

    public ValueTask PublishAsync(EventPublication publication, CancellationToken cancellationToken = default)
    {
        lock (_pending)
        {
            _pending.Add(publication);
        }

        return default;
    }

    public IReadOnlyList<EventPublication> Drain()
    {
        lock (_pending)
        {
            var list = _pending.ToList();
            _pending.Clear();
            return list;
        }
    }
}

/// <summary>Wakes this host's timer and dispatch loops when local work becomes due.</summary>
internal sealed class RuntimeSignals : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public void Dispose() => _signal.Dispose();

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>Waits until woken or until <paramref name="delay"/> passes on the given clock.</summary>
    public async Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delayTask = Task.Delay(delay, time, linked.Token);
        var signalTask = _signal.WaitAsync(linked.Token);
        await Task.WhenAny(delayTask, signalTask).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
