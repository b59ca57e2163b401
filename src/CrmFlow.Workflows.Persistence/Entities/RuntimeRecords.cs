namespace CrmFlow.Workflows.Persistence.Entities;

/// <summary>A workflow instance: summary columns for queries plus the serialised <c>WorkflowState</c>.</summary>
internal sealed class WorkflowInstanceRecord
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string DefinitionVersionId { get; set; }

    public int Version { get; set; }

    public string? Name { get; set; }

    public string? CorrelationId { get; set; }

    public string? ParentWorkflowInstanceId { get; set; }

    /// <summary><c>Running</c> or <c>Finished</c>.</summary>
    public required string Status { get; set; }

    /// <summary><c>Pending</c>, <c>Executing</c>, <c>Suspended</c>, <c>Finished</c>, <c>Cancelled</c>, <c>Faulted</c>…</summary>
    public required string SubStatus { get; set; }

    public int IncidentCount { get; set; }

    /// <summary>Journal entries already written for this instance (the next entry's sequence).</summary>
    public long JournalCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The host running a dispatched (Pending) instance, and until when its claim holds.</summary>
    public string? LeasedBy { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The state JSON (jsonb on PostgreSQL); for a Pending dispatched instance, the start request.</summary>
    public required string Data { get; set; }
}

/// <summary>Where a suspended instance waits; consumed by deleting the row (exactly once).</summary>
internal sealed class BookmarkRecord
{
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public string? CorrelationId { get; set; }

    public required string Name { get; set; }

    public required string Hash { get; set; }

    public required string ActivityId { get; set; }

    public required string ActivityInstanceId { get; set; }

    public string? Stimulus { get; set; }

    public string? Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A trigger of a published definition version, rebuilt on publish and retract.</summary>
internal sealed class TriggerRecord
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    public required string DefinitionVersionId { get; set; }

    public required string ActivityId { get; set; }

    public required string Name { get; set; }

    public required string Hash { get; set; }

    public string? Stimulus { get; set; }
}

/// <summary>One journal entry of an instance.</summary>
internal sealed class JournalRecord
{
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public long Sequence { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public required string EventName { get; set; }

    public required string ActivityInstanceId { get; set; }

    public string? ParentActivityInstanceId { get; set; }

    public required string ActivityId { get; set; }

    public required string ActivityType { get; set; }

    public string? ActivityName { get; set; }

    public string? Message { get; set; }

    /// <summary>The bookmark created (Suspended) or resumed (Resumed).</summary>
    public string? BookmarkId { get; set; }

    /// <summary>Inputs, outputs and outcomes as JSON.</summary>
    public string? Payload { get; set; }
}

/// <summary>An incident of an instance (replaced on every commit of that instance).</summary>
internal sealed class IncidentRecord
{
    public required string Id { get; set; }

    public required string WorkflowInstanceId { get; set; }

    public required string ActivityId { get; set; }

    public string? ActivityNodeId { get; set; }

    public required string ActivityType { get; set; }

    public required string Message { get; set; }

    public string? ExceptionType { get; set; }

    public string? StackTrace { get; set; }

    public DateTimeOffset Timestamp { get; set; }
}

/// <summary>
/// A durable timer: a timer bookmark of an instance (<see cref="BookmarkId"/>) or a timer/cron start trigger of a
/// published definition (<see cref="TriggerId"/>). Hosts claim due rows by setting <see cref="LeasedBy"/> and
/// <see cref="LeaseUntil"/> with a conditional update, so each fires on one host only.
/// </summary>
internal sealed class ScheduledTimerRecord
{
    public required string Id { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public string? WorkflowInstanceId { get; set; }

    public string? BookmarkId { get; set; }

    public string? DefinitionId { get; set; }

    public string? TriggerId { get; set; }

    public string? ActivityId { get; set; }

    /// <summary>For recurring start triggers: the cron expression or the interval (ISO/TimeSpan text).</summary>
    public string? CronExpression { get; set; }

    public string? Interval { get; set; }

    public string? LeasedBy { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}

/// <summary>The last imported content of one <c>workflows/*.json</c> file.</summary>
internal sealed class WorkflowFileImportRecord
{
    public required string DefinitionId { get; set; }

    public required string ContentHash { get; set; }

    public required string DefinitionVersionId { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
