using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Api.Studio;

/// <summary>Instance-side shapes the Studio reads (Elsa's <c>WorkflowInstance</c>, journal and execution records).</summary>
internal static class StudioInstances
{
    /// <summary>Separates the instance id from the record id in activity execution ids, so <c>by-id</c> finds the instance.</summary>
    private const char RecordIdSeparator = '~';

    public static JsonObject Summary(WorkflowInstanceSummary s) => new()
    {
        ["id"] = s.Id,
        ["definitionId"] = s.DefinitionId,
        ["definitionVersionId"] = s.DefinitionVersionId,
        ["version"] = s.Version,
        ["status"] = s.Status.ToString(),
        ["subStatus"] = s.SubStatus.ToString(),
        ["correlationId"] = s.CorrelationId,
        ["name"] = s.Name,
        ["incidentCount"] = s.IncidentCount,
        ["createdAt"] = Date(s.CreatedAt),
        ["updatedAt"] = Date(s.UpdatedAt),
        ["finishedAt"] = s.FinishedAt is { } f ? Date(f) : null,
    };

    public static JsonObject Instance(WorkflowInstanceSummary s, WorkflowState? state, IReadOnlyList<WorkflowIncidentRecord> incidents, IReadOnlyList<StoredBookmark> bookmarks)
    {
        var json = Summary(s);
        json["parentWorkflowInstanceId"] = s.ParentWorkflowInstanceId;
        json["isExecuting"] = false;
        json["isSystem"] = false;
        json["workflowState"] = state is null ? null : State(state, incidents, bookmarks, s);
        return json;
    }

    public static JsonObject State(WorkflowState state, IReadOnlyList<WorkflowIncidentRecord> incidents, IReadOnlyList<StoredBookmark> bookmarks, WorkflowInstanceSummary? summary) => new()
    {
        ["id"] = state.Id,
        ["definitionId"] = state.DefinitionId,
        ["definitionVersion"] = state.DefinitionVersion,
        ["definitionVersionId"] = state.DefinitionVersionId,
        ["correlationId"] = state.CorrelationId,
        ["status"] = state.Status.ToString(),
        ["subStatus"] = state.SubStatus.ToString(),
        ["bookmarks"] = new JsonArray([.. bookmarks.Select(b => (JsonNode)new JsonObject
        {
            ["id"] = b.Id,
            ["name"] = b.Name,
            ["hash"] = b.Hash,
            ["payload"] = b.Payload?.DeepClone(),
            ["activityNodeId"] = b.ActivityId,
            ["activityInstanceId"] = b.ActivityInstanceId,
            ["autoBurn"] = true,
            ["createdAt"] = Date(b.CreatedAt),
        })]),
        ["incidents"] = new JsonArray([.. incidents.Select(i => (JsonNode)new JsonObject
        {
            ["activityId"] = i.ActivityId,
            ["activityNodeId"] = i.ActivityNodeId ?? i.ActivityId,
            ["activityType"] = i.ActivityType,
            ["message"] = i.Message,
            ["exception"] = i.ExceptionType is null ? null : new JsonObject { ["type"] = i.ExceptionType, ["message"] = i.Message, ["stackTrace"] = i.StackTrace },
            ["timestamp"] = Date(i.Timestamp),
        })]),
        ["completionCallbacks"] = new JsonArray(),
        ["activityExecutionContexts"] = new JsonArray([.. state.Contexts.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["parentContextId"] = c.ParentId,
            ["scheduledActivityNodeId"] = c.ActivityId,
            ["ownerActivityNodeId"] = c.ActivityId,
            ["properties"] = c.Properties?.DeepClone() ?? new JsonObject(),
            ["activityState"] = new JsonObject(),
            ["dynamicVariables"] = new JsonArray(),
            ["status"] = Status(c.Status),
        })]),
        ["input"] = ToJson(state.Input),
        ["output"] = ToJson(state.Output),
        ["properties"] = new JsonObject(),
        ["createdAt"] = Date(summary?.CreatedAt ?? state.CreatedAt),
        ["updatedAt"] = Date(summary?.UpdatedAt ?? state.UpdatedAt),
        ["finishedAt"] = (summary?.FinishedAt ?? state.FinishedAt) is { } f ? Date(f) : null,
    };

    public static JsonObject Journal(WorkflowJournalRecord r, DefinitionIndex index) => new()
    {
        ["id"] = r.Id,
        ["workflowInstanceId"] = r.WorkflowInstanceId,
        ["activityInstanceId"] = r.ActivityInstanceId,
        ["parentActivityInstanceId"] = r.ParentActivityInstanceId,
        ["activityId"] = r.ActivityId,
        ["activityType"] = r.ActivityType,
        ["activityTypeVersion"] = index.VersionOf(r.ActivityId),
        ["activityName"] = r.ActivityName,
        ["nodeId"] = index.NodeIdOf(r.ActivityId),
        ["timestamp"] = Date(r.Timestamp),
        ["sequence"] = r.Sequence,
        ["eventName"] = r.EventName,
        ["message"] = r.Message,
        ["payload"] = r.Payload?.DeepClone(),
    };

    public static JsonObject ExecutionSummary(ActivityExecutionRecord r, DefinitionIndex index) => new()
    {
        ["id"] = RecordId(r),
        ["workflowInstanceId"] = r.WorkflowInstanceId,
        ["activityId"] = r.ActivityId,
        ["activityNodeId"] = index.NodeIdOf(r.ActivityId),
        ["activityType"] = r.ActivityType,
        ["activityTypeVersion"] = index.VersionOf(r.ActivityId),
        ["activityName"] = r.ActivityName,
        ["startedAt"] = Date(r.StartedAt),
        ["hasBookmarks"] = r.HasBookmarks,
        ["metadata"] = new JsonObject(),
        ["status"] = Status(r.Status),
        ["completedAt"] = r.CompletedAt is { } c ? Date(c) : null,
    };

    public static JsonObject Execution(ActivityExecutionRecord r, DefinitionIndex index)
    {
        var json = ExecutionSummary(r, index);
        json["activityState"] = r.Inputs?.DeepClone() ?? new JsonObject();
        json["outputs"] = r.Outputs?.DeepClone() ?? new JsonObject();
        json["payload"] = r.Outcomes is { } outcomes ? new JsonObject { ["outcomes"] = new JsonArray([.. outcomes.Select(o => (JsonNode?)JsonValue.Create(o))]) } : null;
        json["properties"] = new JsonObject();
        json["exception"] = r.Exception is null ? null : new JsonObject { ["type"] = "Exception", ["message"] = r.Exception };
        json["aggregateFaultCount"] = r.Status == ActivityStatus.Faulted ? 1 : 0;
        json["callStackDepth"] = 0;
        return json;
    }

    public static string RecordId(ActivityExecutionRecord r) => r.WorkflowInstanceId + RecordIdSeparator + r.Id;

    public static bool TrySplitRecordId(string id, out string instanceId, out string recordId)
    {
        var at = id.IndexOf(RecordIdSeparator, StringComparison.Ordinal);
        instanceId = at > 0 ? id[..at] : string.Empty;
        recordId = at > 0 ? id[(at + 1)..] : string.Empty;
        return at > 0;
    }

    public static string Status(ActivityStatus status) => status switch
    {
        ActivityStatus.Suspended => "Running",
        ActivityStatus.Cancelled => "Canceled",
        _ => status.ToString(),
    };

    public static string Date(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(value, StudioJson.Options),
    };

    private static JsonObject ToJson(Dictionary<string, object?> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values)
        {
            json[key] = ToJson(value);
        }

        return json;
    }
}

/// <summary>Activity id → node id and type version of one definition version (journal and execution records lack both).</summary>
internal sealed class DefinitionIndex
{
    private readonly Dictionary<string, string> _nodeIds;
    private readonly Dictionary<string, int> _versions;

    public DefinitionIndex(WorkflowDefinition? definition)
    {
        Definition = definition;
        _nodeIds = definition is null ? [] : StudioDefinitions.NodeIds(definition);
        _versions = [];
        foreach (var node in definition?.AllActivities ?? [])
        {
            _versions.TryAdd(node.Id, node.Version);
        }
    }

    public WorkflowDefinition? Definition { get; }

    public string NodeIdOf(string activityId) => _nodeIds.GetValueOrDefault(activityId) ?? activityId;

    public int VersionOf(string activityId) => _versions.GetValueOrDefault(activityId, 1);
}
