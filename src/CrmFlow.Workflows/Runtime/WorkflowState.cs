using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Runtime;

/// <summary>
/// Everything needed to resume a workflow instance in another process. Serialise with
/// <see cref="WorkflowStateSerializer"/>.
/// </summary>
public sealed class WorkflowState
{
    public string Id { get; set; } = string.Empty;

    public string? DefinitionId { get; set; }

    public string? DefinitionVersionId { get; set; }

    public int DefinitionVersion { get; set; }

    public string? CorrelationId { get; set; }

    public string? Name { get; set; }

    public string? ParentWorkflowInstanceId { get; set; }

    public string? TriggerActivityId { get; set; }

    public WorkflowStatus Status { get; set; }

    public WorkflowSubStatus SubStatus { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public Dictionary<string, object?> Input { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, object?> Output { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Run properties such as <c>Flowchart:ExecutionMode</c>.</summary>
    public Dictionary<string, object?> Properties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Workflow-level variables by name.</summary>
    public Dictionary<string, object?> Variables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Live activity execution contexts (completed ones are removed).</summary>
    public List<ActivityContextState> Contexts { get; set; } = [];

    /// <summary>Scheduled context ids, FIFO.</summary>
    public List<string> Queue { get; set; } = [];

    public List<Bookmark> Bookmarks { get; set; } = [];

    public List<Incident> Incidents { get; set; } = [];

    public List<JournalEntry> Journal { get; set; } = [];

    /// <summary>The last outputs of each activity by activity id (for <c>getOutputFrom</c>).</summary>
    public Dictionary<string, Dictionary<string, object?>> ActivityOutputs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Activity name to id, for output lookups by name.</summary>
    public Dictionary<string, string> ActivityNames { get; set; } = new(StringComparer.Ordinal);

    public object? LastResult { get; set; }

    /// <summary>Outcomes the root completed with (e.g. from <c>Elsa.Complete</c>).</summary>
    public List<string> Outcomes { get; set; } = [];

    /// <summary>Sequence for generated context ids, so ids stay unique after a resume.</summary>
    public long NextContextSequence { get; set; }
}

/// <summary>One activity execution: serialisable state only.</summary>
public sealed class ActivityContextState
{
    public string Id { get; set; } = string.Empty;

    public string ActivityId { get; set; } = string.Empty;

    public string ActivityType { get; set; } = string.Empty;

    public int ActivityVersion { get; set; } = 1;

    /// <summary>Which definition the node belongs to: <c>root</c> or a workflow-as-activity definition key.</summary>
    public string GraphKey { get; set; } = WorkflowGraph.RootKey;

    public string? ParentId { get; set; }

    public ActivityStatus Status { get; set; }

    /// <summary>A parent-chosen label to tell children apart in its completion callback.</summary>
    public string? Tag { get; set; }

    /// <summary>Variables declared by this context (containers, loop iterations, workflow scopes).</summary>
    public Dictionary<string, object?>? Variables { get; set; }

    /// <summary>Activity-specific persistent state (flow scope counters, tokens, loop indexes…).</summary>
    public JsonObject? Properties { get; set; }

    /// <summary>The evaluated inputs of the last execution/resume (kept so a restored parent still sees them).</summary>
    public Dictionary<string, object?>? Inputs { get; set; }

    /// <summary>Input given by the scheduler (e.g. a flowchart's backward-connection flag).</summary>
    public Dictionary<string, object?>? ScheduleInput { get; set; }

    /// <summary>Set on workflow-as-activity contexts: the inner workflow's input and output.</summary>
    public Dictionary<string, object?>? ScopeInput { get; set; }

    public Dictionary<string, object?>? ScopeOutput { get; set; }

    public DateTimeOffset? StartedAt { get; set; }
}

/// <summary>A point where an activity waits for a stimulus.</summary>
public sealed class Bookmark
{
    public string Id { get; set; } = string.Empty;

    public string ActivityInstanceId { get; set; } = string.Empty;

    public string ActivityId { get; set; } = string.Empty;

    /// <summary>The bookmark name: the activity type (e.g. <c>Elsa.Event</c>).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>SHA-256 (hex) of the canonical JSON of the stimulus; see <see cref="BookmarkHasher"/>.</summary>
    public string Hash { get; set; } = string.Empty;

    /// <summary>The stimulus (what resumes it, e.g. <c>{"eventName":"Event4"}</c>).</summary>
    public JsonNode? Stimulus { get; set; }

    /// <summary>Extra data for the runtime (e.g. <c>{"resumeAt": "…"}</c> for timers).</summary>
    public JsonNode? Payload { get; set; }

    public string? CallbackMethodName { get; set; }

    public bool AutoBurn { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A fault recorded against an activity.</summary>
public sealed record Incident(
    string ActivityId,
    string? ActivityNodeId,
    string ActivityType,
    string Message,
    string? ExceptionType,
    string? StackTrace,
    DateTimeOffset Timestamp);

/// <summary>One journal (execution log) entry.</summary>
public sealed class JournalEntry
{
    public DateTimeOffset Timestamp { get; set; }

    public long Sequence { get; set; }

    public string EventName { get; set; } = string.Empty;

    public string ActivityInstanceId { get; set; } = string.Empty;

    public string ActivityId { get; set; } = string.Empty;

    public string ActivityType { get; set; } = string.Empty;

    public string? ActivityName { get; set; }

    public string? ParentActivityInstanceId { get; set; }

    public Dictionary<string, object?>? Inputs { get; set; }

    public Dictionary<string, object?>? Outputs { get; set; }

    public List<string>? Outcomes { get; set; }

    public string? BookmarkId { get; set; }

    public string? Message { get; set; }
}

/// <summary>Journal event names.</summary>
public static class JournalEvents
{
    public const string Started = nameof(Started);
    public const string Completed = nameof(Completed);
    public const string Faulted = nameof(Faulted);
    public const string Suspended = nameof(Suspended);
    public const string Resumed = nameof(Resumed);
    public const string Cancelled = nameof(Cancelled);
}
