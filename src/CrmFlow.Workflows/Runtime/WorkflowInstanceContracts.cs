using System.Text.Json.Nodes;
using CrmFlow.Workflows.Management;

namespace CrmFlow.Workflows.Runtime;

/// <summary>An instance without its serialised state (lists, Studio's instance table).</summary>
public sealed record WorkflowInstanceSummary(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int Version,
    string? Name,
    string? CorrelationId,
    string? ParentWorkflowInstanceId,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    int IncidentCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>The columns an instance list sorts by.</summary>
public enum WorkflowInstanceOrderBy
{
    CreatedAt,
    UpdatedAt,
    FinishedAt,
    Name,
}

/// <summary>Filter for instance queries; null members do not filter.</summary>
public sealed class WorkflowInstanceFilter
{
    public string? Id { get; init; }

    public IReadOnlyCollection<string>? Ids { get; init; }

    public string? DefinitionId { get; init; }

    public IReadOnlyCollection<string>? DefinitionIds { get; init; }

    public string? DefinitionVersionId { get; init; }

    public int? Version { get; init; }

    public string? CorrelationId { get; init; }

    public string? ParentWorkflowInstanceId { get; init; }

    public IReadOnlyCollection<WorkflowStatus>? Statuses { get; init; }

    public IReadOnlyCollection<WorkflowSubStatus>? SubStatuses { get; init; }

    public bool? HasIncidents { get; init; }

    /// <summary>Case-insensitive match in name, id, correlation id or definition id.</summary>
    public string? SearchTerm { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    public DateTimeOffset? UpdatedFrom { get; init; }

    public DateTimeOffset? UpdatedTo { get; init; }

    public DateTimeOffset? FinishedFrom { get; init; }

    public DateTimeOffset? FinishedTo { get; init; }

    public WorkflowInstanceOrderBy OrderBy { get; init; } = WorkflowInstanceOrderBy.CreatedAt;

    public bool Descending { get; init; } = true;
}

/// <summary>A persisted journal entry (Elsa's <c>WorkflowExecutionLogRecord</c>).</summary>
public sealed record WorkflowJournalRecord(
    string Id,
    string WorkflowInstanceId,
    long Sequence,
    DateTimeOffset Timestamp,
    string EventName,
    string ActivityInstanceId,
    string? ParentActivityInstanceId,
    string ActivityId,
    string ActivityType,
    string? ActivityName,
    string? Message,
    JsonObject? Payload);

/// <summary>One activity execution (Elsa's <c>ActivityExecutionRecord</c>): started, and completed/faulted when done.</summary>
public sealed record ActivityExecutionRecord(
    string Id,
    string WorkflowInstanceId,
    string ActivityId,
    string ActivityType,
    string? ActivityName,
    ActivityStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    bool HasBookmarks,
    JsonObject? Inputs,
    JsonObject? Outputs,
    IReadOnlyList<string>? Outcomes,
    string? Exception);

/// <summary>A persisted incident.</summary>
public sealed record WorkflowIncidentRecord(
    string Id,
    string WorkflowInstanceId,
    string ActivityId,
    string? ActivityNodeId,
    string ActivityType,
    string Message,
    string? ExceptionType,
    string? StackTrace,
    DateTimeOffset Timestamp);

/// <summary>A persisted bookmark: where a suspended instance waits, indexed by stimulus hash.</summary>
public sealed record StoredBookmark(
    string Id,
    string WorkflowInstanceId,
    string? CorrelationId,
    string Name,
    string Hash,
    string ActivityId,
    string ActivityInstanceId,
    JsonNode? Stimulus,
    JsonNode? Payload,
    DateTimeOffset CreatedAt);

/// <summary>A trigger of a published definition (HTTP route + method, timer, cron, event name), indexed by stimulus hash.</summary>
public sealed record StoredTrigger(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    string ActivityId,
    string Name,
    string Hash,
    JsonNode? Stimulus);

/// <summary>
/// Persisted instances (state, summary columns, journal, activity records, incidents, bookmarks). Writes go
/// through <see cref="IWorkflowRuntime"/>, which commits state, bookmarks and journal in one transaction.
/// </summary>
public interface IWorkflowInstanceStore
{
    ValueTask<WorkflowInstanceSummary?> FindAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>The last committed state, or null.</summary>
    ValueTask<WorkflowState?> FindStateAsync(string instanceId, CancellationToken cancellationToken = default);

    ValueTask<Page<WorkflowInstanceSummary>> ListAsync(WorkflowInstanceFilter filter, PageArgs? page = null, CancellationToken cancellationToken = default);

    ValueTask<long> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Deletes matching instances with their journal, incidents, bookmarks and timers; returns how many.</summary>
    ValueTask<int> DeleteAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Journal of an instance in sequence order.</summary>
    ValueTask<Page<WorkflowJournalRecord>> ListJournalAsync(string instanceId, PageArgs? page = null, CancellationToken cancellationToken = default);

    /// <summary>Activity executions of an instance (optionally of one activity id), oldest first.</summary>
    ValueTask<IReadOnlyList<ActivityExecutionRecord>> ListActivityExecutionsAsync(string instanceId, string? activityId = null, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<WorkflowIncidentRecord>> ListIncidentsAsync(string instanceId, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<StoredBookmark>> ListBookmarksAsync(string instanceId, CancellationToken cancellationToken = default);
}

/// <summary>Bookmark and trigger lookups by stimulus hash (see <see cref="BookmarkHasher"/>).</summary>
public interface IBookmarkStore
{
    ValueTask<StoredBookmark?> FindAsync(string bookmarkId, CancellationToken cancellationToken = default);

    /// <summary>Bookmarks with this hash, optionally narrowed to a correlation id.</summary>
    ValueTask<IReadOnlyList<StoredBookmark>> ListByHashAsync(string hash, string? correlationId = null, CancellationToken cancellationToken = default);

    /// <summary>Triggers of published definitions with this hash.</summary>
    ValueTask<IReadOnlyList<StoredTrigger>> ListTriggersByHashAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Triggers of published definitions of one activity type (e.g. every <c>Elsa.HttpEndpoint</c>).</summary>
    ValueTask<IReadOnlyList<StoredTrigger>> ListTriggersByNameAsync(string activityType, CancellationToken cancellationToken = default);
}
