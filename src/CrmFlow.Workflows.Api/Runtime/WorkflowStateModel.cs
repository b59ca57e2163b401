using System.Text.Json.Nodes;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Api.Runtime;

/// <summary>
/// Elsa's <c>WorkflowState</c> as the REST API returns it (camelCase, enums as strings). Built from the engine's
/// <see cref="WorkflowState"/>; the Studio API reuses it inside workflow instance models.
/// </summary>
public sealed record WorkflowStateModel(
    string Id,
    string? DefinitionId,
    int DefinitionVersion,
    string? DefinitionVersionId,
    string? CorrelationId,
    string? Name,
    string? ParentWorkflowInstanceId,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    IReadOnlyList<BookmarkModel> Bookmarks,
    IReadOnlyList<IncidentModel> Incidents,
    IReadOnlyList<ActivityExecutionContextModel> ActivityExecutionContexts,
    IReadOnlyDictionary<string, object?> Input,
    IReadOnlyDictionary<string, object?> Output,
    IReadOnlyDictionary<string, object?> Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    public static WorkflowStateModel From(WorkflowState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var input = state.Input.Where(p => p.Key != HttpRequestData.InputKey).ToDictionary(p => p.Key, p => p.Value);
        var properties = state.Properties.Where(p => !p.Key.StartsWith("CrmFlow:", StringComparison.Ordinal) && p.Key != Activities.WriteHttpResponse.ResponseProperty)
            .ToDictionary(p => p.Key, p => p.Value);
        return new WorkflowStateModel(state.Id, state.DefinitionId, state.DefinitionVersion, state.DefinitionVersionId, state.CorrelationId, state.Name,
            state.ParentWorkflowInstanceId, state.Status, state.SubStatus,
            [.. state.Bookmarks.Select(b => new BookmarkModel(b.Id, b.Name, b.Hash, b.Payload, b.ActivityId, b.ActivityInstanceId, b.AutoBurn, b.CallbackMethodName, b.CreatedAt))],
            [.. state.Incidents.Select(i => new IncidentModel(i.ActivityId, i.ActivityNodeId, i.ActivityType, i.Message,
                i.ExceptionType is null ? null : new ExceptionModel(i.ExceptionType, i.Message, i.StackTrace), i.Timestamp))],
            [.. state.Contexts.Select(c => new ActivityExecutionContextModel(c.Id, c.ParentId, c.ActivityId, c.Status, c.StartedAt))],
            input, state.Output, properties, state.CreatedAt, state.UpdatedAt, state.FinishedAt);
    }
}

public sealed record BookmarkModel(string Id, string Name, string Hash, JsonNode? Payload, string ActivityNodeId, string ActivityInstanceId, bool AutoBurn, string? CallbackMethodName, DateTimeOffset CreatedAt);

public sealed record IncidentModel(string ActivityId, string? ActivityNodeId, string ActivityType, string Message, ExceptionModel? Exception, DateTimeOffset Timestamp);

public sealed record ExceptionModel(string Type, string Message, string? StackTrace);

public sealed record ActivityExecutionContextModel(string Id, string? ParentContextId, string ScheduledActivityNodeId, ActivityStatus Status, DateTimeOffset? StartedAt);
