using System.Text.Json.Nodes;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrmFlow.Workflows.Api.Studio;

/// <summary>Elsa's instance, journal and activity-execution endpoints, over the runtime's records.</summary>
internal static class InstanceEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var designer = WorkflowsApiModule.DesignerPolicy;
        var instances = api.MapGroup("/workflow-instances");
        instances.MapPost("/", SearchAsync);
        instances.MapGet("/{id}", GetAsync);
        instances.MapGet("/{id}/execution-state", ExecutionStateAsync);
        instances.MapPost("/{id}/journal", JournalAsync);
        instances.MapGet("/{id}/journal", JournalAsync);
        instances.MapGet("/{id}/variables", VariablesAsync);
        instances.MapDelete("/{id}", DeleteAsync).RequireAuthorization(designer);
        api.MapPost("/cancel/workflow-instances/{id}", CancelAsync).RequireAuthorization(designer);
        api.MapPost("/bulk-actions/delete/workflow-instances/by-id", BulkDeleteAsync).RequireAuthorization(designer);
        api.MapPost("/bulk-actions/cancel/workflow-instances", BulkCancelAsync).RequireAuthorization(designer);
        api.MapMethods("/alterations/workflows/retry", [HttpMethods.Get, HttpMethods.Post], RetryAsync).RequireAuthorization(designer);

        api.MapPost("/activity-executions/report", ReportAsync);
        api.MapGet("/activity-executions/list", (HttpRequest r, IWorkflowInstanceStore i, IWorkflowDefinitionStore d, CancellationToken ct) => ExecutionsAsync(r, i, d, summaries: false, ct));
        api.MapGet("/activity-execution-summaries/list", (HttpRequest r, IWorkflowInstanceStore i, IWorkflowDefinitionStore d, CancellationToken ct) => ExecutionsAsync(r, i, d, summaries: true, ct));
        api.MapGet("/activity-executions/by-id", ExecutionByIdAsync);
        api.MapGet("/activity-executions/{id}/call-stack", CallStackAsync);
    }

    private static async Task<IResult> SearchAsync(HttpContext context, IWorkflowInstanceStore store, CancellationToken ct)
    {
        var body = await StudioJson.ReadObjectAsync(context.Request, ct);
        if (body is null)
        {
            return StudioJson.BadField("body", "The body must be a JSON object.");
        }

        if (!TryParseEnums<WorkflowStatus>(body, "statuses", "status", out var statuses, out var bad)
            || !TryParseEnums<WorkflowSubStatus>(body, "subStatuses", "subStatus", out var subStatuses, out bad))
        {
            return StudioJson.BadField(bad.Field, bad.Reason);
        }

        var orderByText = body.Str("orderBy") ?? "Created";
        WorkflowInstanceOrderBy orderBy;
        switch (orderByText.ToUpperInvariant())
        {
            case "CREATED" or "CREATEDAT": orderBy = WorkflowInstanceOrderBy.CreatedAt; break;
            case "LASTEXECUTED" or "UPDATEDAT": orderBy = WorkflowInstanceOrderBy.UpdatedAt; break;
            case "FINISHED" or "FINISHEDAT": orderBy = WorkflowInstanceOrderBy.FinishedAt; break;
            case "NAME": orderBy = WorkflowInstanceOrderBy.Name; break;
            default: return StudioJson.BadField("orderBy", $"'{orderByText}' is not Created, LastExecuted, Finished or Name.");
        }

        var direction = body.Str("orderDirection") ?? "Descending";
        if (direction is not ("Ascending" or "Descending"))
        {
            return StudioJson.BadField("orderDirection", $"'{direction}' is not Ascending or Descending.");
        }

        DateTimeOffset? createdFrom = null, createdTo = null, updatedFrom = null, updatedTo = null, finishedFrom = null, finishedTo = null;
        foreach (var f in (body["timestampFilters"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (!DateTimeOffset.TryParse(f.Str("timestamp"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            {
                return StudioJson.BadField("timestampFilters", "Each filter needs an ISO-8601 timestamp.");
            }

            var op = f.Str("operator") ?? "Is";
            var (from, to) = op switch
            {
                "GreaterThan" or "GreaterThanOrEqual" => ((DateTimeOffset?)at, (DateTimeOffset?)null),
                "LessThan" or "LessThanOrEqual" => (null, at),
                "Is" => (at, at),
                _ => (null, null),
            };
            switch (f.Str("column"))
            {
                case "CreatedAt": createdFrom = from ?? createdFrom; createdTo = to ?? createdTo; break;
                case "UpdatedAt" or "LastExecuted": updatedFrom = from ?? updatedFrom; updatedTo = to ?? updatedTo; break;
                case "FinishedAt": finishedFrom = from ?? finishedFrom; finishedTo = to ?? finishedTo; break;
                default: return StudioJson.BadField("timestampFilters", $"Unknown column '{f.Str("column")}'.");
            }
        }

        var definitionIds = body.Strings("definitionIds");
        if (body.Str("definitionId") is { Length: > 0 } one)
        {
            definitionIds.Add(one);
        }

        var pageSize = body.Int("pageSize") ?? 100;
        var page = body.Int("page") ?? 0;
        if (pageSize is < 1 or > 1000 || page < 0)
        {
            return StudioJson.BadField("pageSize", "page must be ≥ 0 and pageSize between 1 and 1000.");
        }

        if (body.Bool("isSystem") == true)
        {
            return StudioJson.Ok(new JsonObject { ["items"] = new JsonArray(), ["totalCount"] = 0 });
        }

        var filter = new WorkflowInstanceFilter
        {
            DefinitionIds = definitionIds.Count > 0 ? definitionIds : null,
            CorrelationId = body.Str("correlationId") is { Length: > 0 } c ? c : null,
            Version = body.Int("version"),
            HasIncidents = body.Bool("hasIncidents"),
            Statuses = statuses,
            SubStatuses = subStatuses,
            SearchTerm = body.Str("searchTerm") is { Length: > 0 } term ? term.Trim() : null,
            CreatedFrom = createdFrom,
            CreatedTo = createdTo,
            UpdatedFrom = updatedFrom,
            UpdatedTo = updatedTo,
            FinishedFrom = finishedFrom,
            FinishedTo = finishedTo,
            OrderBy = orderBy,
            Descending = direction == "Descending",
        };
        var result = await store.ListAsync(filter, new PageArgs(page, pageSize), ct);
        return StudioJson.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. result.Items.Select(s => (JsonNode)StudioInstances.Summary(s))]),
            ["totalCount"] = result.TotalCount,
        });
    }

    private static async Task<IResult> GetAsync(string id, IWorkflowInstanceStore store, CancellationToken ct)
    {
        var summary = await store.FindAsync(id, ct);
        if (summary is null)
        {
            return StudioJson.NotFound($"Workflow instance '{id}' does not exist.");
        }

        var state = await store.FindStateAsync(id, ct);
        var incidents = await store.ListIncidentsAsync(id, ct);
        var bookmarks = await store.ListBookmarksAsync(id, ct);
        return StudioJson.Ok(StudioInstances.Instance(summary, state, incidents, bookmarks));
    }

    private static async Task<IResult> ExecutionStateAsync(string id, IWorkflowInstanceStore store, CancellationToken ct)
    {
        var summary = await store.FindAsync(id, ct);
        return summary is null
            ? StudioJson.NotFound($"Workflow instance '{id}' does not exist.")
            : StudioJson.Ok(new { status = summary.Status, workflowSubStatus = summary.SubStatus, updatedAt = summary.UpdatedAt });
    }

    private static async Task<IResult> JournalAsync(string id, int? skip, int? take, HttpContext context, IWorkflowInstanceStore store, IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        if (skip is < 0 || take is < 0)
        {
            return StudioJson.BadField(skip is < 0 ? "skip" : "take", "Must not be negative.");
        }

        var summary = await store.FindAsync(id, ct);
        if (summary is null)
        {
            return StudioJson.NotFound($"Workflow instance '{id}' does not exist.");
        }

        JsonObject? filter = null;
        if (HttpMethods.IsPost(context.Request.Method) && (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0))
        {
            var body = await StudioJson.ReadObjectAsync(context.Request, ct);
            if (body is null)
            {
                return StudioJson.BadField("body", "The body must be a JSON object { filter }.");
            }

            filter = body["filter"] as JsonObject;
        }

        var index = new DefinitionIndex(await DefinitionEndpoints.FindByVersionIdAsync(definitions, summary.DefinitionVersionId, ct));
        var activityIds = Set(filter, "activityIds");
        var nodeIds = Set(filter, "activityNodeIds");
        var excludedTypes = Set(filter, "excludedActivityTypes");
        var eventNames = Set(filter, "eventNames");
        var all = await store.ListJournalAsync(id, null, ct);
        var matching = all.Items
            .Where(r => activityIds is null || activityIds.Contains(r.ActivityId))
            .Where(r => nodeIds is null || nodeIds.Contains(index.NodeIdOf(r.ActivityId)))
            .Where(r => excludedTypes is null || !excludedTypes.Contains(r.ActivityType))
            .Where(r => eventNames is null || eventNames.Contains(r.EventName))
            .OrderBy(r => r.Sequence)
            .ToList();
        var page = matching.Skip(skip ?? 0).Take(take ?? int.MaxValue);
        return StudioJson.Ok(new JsonObject
        {
            ["items"] = new JsonArray([.. page.Select(r => (JsonNode)StudioInstances.Journal(r, index))]),
            ["totalCount"] = matching.Count,
        });
    }

    private static async Task<IResult> VariablesAsync(string id, IWorkflowInstanceStore store, IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        var summary = await store.FindAsync(id, ct);
        var state = summary is null ? null : await store.FindStateAsync(id, ct);
        if (summary is null || state is null)
        {
            return StudioJson.NotFound($"Workflow instance '{id}' does not exist.");
        }

        var definition = await DefinitionEndpoints.FindByVersionIdAsync(definitions, summary.DefinitionVersionId, ct);
        var declared = definition?.Variables ?? [];
        var items = new JsonArray();
        foreach (var variable in declared)
        {
            state.Variables.TryGetValue(variable.Name, out var value);
            items.Add(new JsonObject { ["id"] = variable.Id, ["name"] = variable.Name, ["value"] = StudioInstances.ToJson(value) });
        }

        foreach (var (name, value) in state.Variables.Where(v => declared.All(d => d.Name != v.Key)))
        {
            items.Add(new JsonObject { ["id"] = name, ["name"] = name, ["value"] = StudioInstances.ToJson(value) });
        }

        return StudioJson.Ok(new JsonObject { ["items"] = items, ["count"] = items.Count });
    }

    private static async Task<IResult> DeleteAsync(string id, IWorkflowInstanceStore store, CancellationToken ct) =>
        await store.DeleteAsync(new WorkflowInstanceFilter { Id = id }, ct) > 0
            ? Results.NoContent()
            : StudioJson.NotFound($"Workflow instance '{id}' does not exist.");

    private static async Task<IResult> CancelAsync(string id, IWorkflowRuntime runtime, CancellationToken ct) =>
        await runtime.CancelAsync(id, ct) is null
            ? StudioJson.NotFound($"Workflow instance '{id}' does not exist.")
            : Results.Ok();

    /// <summary>
    /// Elsa's retry alteration: runs the faulted activities of each instance again (all, or those of
    /// <c>activityIds</c>) and continues it. One result per instance id, with a log of what happened.
    /// </summary>
    private static async Task<IResult> RetryAsync(HttpContext context, IWorkflowRuntime runtime, TimeProvider time, CancellationToken ct)
    {
        List<string> instanceIds, activityIds;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            instanceIds = [.. context.Request.Query["workflowInstanceIds"].OfType<string>()];
            activityIds = [.. context.Request.Query["activityIds"].OfType<string>()];
        }
        else
        {
            var body = await StudioJson.ReadObjectAsync(context.Request, ct);
            if (body is null)
            {
                return StudioJson.BadField("body", "The body must be a JSON object.");
            }

            instanceIds = body.Strings("workflowInstanceIds");
            activityIds = body.Strings("activityIds");
        }

        if (instanceIds.Count == 0)
        {
            return StudioJson.BadField("workflowInstanceIds", "Name at least one workflow instance to retry.");
        }

        var results = new JsonArray();
        foreach (var id in instanceIds.Distinct(StringComparer.Ordinal))
        {
            var result = await runtime.RetryAsync(id, activityIds.Count > 0 ? activityIds : null, ct);
            var (level, message) = result is null
                ? ("Error", $"Workflow instance '{id}' does not exist.")
                : ("Information", $"Retried; the instance is now {result.State.SubStatus}.");
            results.Add(new JsonObject
            {
                ["workflowInstanceId"] = id,
                ["log"] = new JsonObject
                {
                    ["logEntries"] = new JsonArray(new JsonObject
                    {
                        ["message"] = message,
                        ["logLevel"] = level,
                        ["timestamp"] = time.GetUtcNow(),
                    }),
                },
                ["workflowHasScheduledWork"] = false,
                ["isSuccessful"] = result is not null,
            });
        }

        return StudioJson.Ok(new JsonObject { ["results"] = results });
    }

    private static async Task<IResult> BulkDeleteAsync(HttpContext context, IWorkflowInstanceStore store, CancellationToken ct)
    {
        var ids = (await StudioJson.ReadObjectAsync(context.Request, ct)).Strings("ids");
        var deleted = ids.Count == 0 ? 0 : await store.DeleteAsync(new WorkflowInstanceFilter { Ids = ids }, ct);
        return StudioJson.Ok(new { deleted });
    }

    private static async Task<IResult> BulkCancelAsync(HttpContext context, IWorkflowInstanceStore store, IWorkflowRuntime runtime, CancellationToken ct)
    {
        var body = await StudioJson.ReadObjectAsync(context.Request, ct);
        if (body is null)
        {
            return StudioJson.BadField("body", "The body must be a JSON object.");
        }

        var ids = body.Strings("ids");
        var versionId = body.Str("definitionVersionId");
        var definitionId = body.Str("definitionId");
        if (ids.Count == 0 && versionId is null && definitionId is null)
        {
            return StudioJson.BadField("ids", "Give instance ids, a definitionVersionId or a definitionId.");
        }

        var filter = new WorkflowInstanceFilter
        {
            Ids = ids.Count > 0 ? ids : null,
            DefinitionVersionId = versionId,
            DefinitionId = definitionId,
            Statuses = [WorkflowStatus.Running],
        };
        var running = await store.ListAsync(filter, null, ct);
        var cancelled = 0;
        foreach (var instance in running.Items)
        {
            if (await runtime.CancelAsync(instance.Id, ct) is not null)
            {
                cancelled++;
            }
        }

        return StudioJson.Ok(new { cancelled });
    }

    private static async Task<IResult> ReportAsync(HttpContext context, IWorkflowInstanceStore store, IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        var body = await StudioJson.ReadObjectAsync(context.Request, ct);
        if (body.Str("workflowInstanceId") is not { Length: > 0 } instanceId)
        {
            return StudioJson.BadField("workflowInstanceId", "The workflow instance id is required.");
        }

        var summary = await store.FindAsync(instanceId, ct);
        if (summary is null)
        {
            return StudioJson.NotFound($"Workflow instance '{instanceId}' does not exist.");
        }

        var wanted = body.Strings("activityNodeIds").ToHashSet(StringComparer.Ordinal);
        var index = new DefinitionIndex(await DefinitionEndpoints.FindByVersionIdAsync(definitions, summary.DefinitionVersionId, ct));
        var records = await store.ListActivityExecutionsAsync(instanceId, null, ct);
        var stats = records
            .GroupBy(r => r.ActivityId, StringComparer.Ordinal)
            .Select(g => (ActivityId: g.Key, NodeId: index.NodeIdOf(g.Key), Records: g.ToList()))
            .Where(g => wanted.Count == 0 || wanted.Contains(g.NodeId))
            .Select(g =>
            {
                var completed = g.Records.Count(r => r.Status == ActivityStatus.Completed);
                return (JsonNode)new JsonObject
                {
                    ["activityId"] = g.ActivityId,
                    ["activityNodeId"] = g.NodeId,
                    ["startedCount"] = g.Records.Count,
                    ["completedCount"] = completed,
                    ["uncompletedCount"] = g.Records.Count - completed,
                    ["isBlocked"] = g.Records.Any(r => r.HasBookmarks && r.CompletedAt is null),
                    ["isFaulted"] = g.Records.Any(r => r.Status == ActivityStatus.Faulted),
                    ["metadata"] = new JsonObject(),
                };
            });
        return StudioJson.Ok(new JsonObject { ["stats"] = new JsonArray([.. stats]) });
    }

    private static async Task<IResult> ExecutionsAsync(HttpRequest request, IWorkflowInstanceStore store, IWorkflowDefinitionStore definitions, bool summaries, CancellationToken ct)
    {
        if (request.Query["WorkflowInstanceId"].ToString() is not { Length: > 0 } instanceId)
        {
            return StudioJson.BadField("WorkflowInstanceId", "The workflow instance id is required.");
        }

        var summary = await store.FindAsync(instanceId, ct);
        if (summary is null)
        {
            return StudioJson.Ok(new JsonObject { ["items"] = new JsonArray(), ["count"] = 0 });
        }

        var nodeId = request.Query["ActivityNodeId"].ToString();
        var index = new DefinitionIndex(await DefinitionEndpoints.FindByVersionIdAsync(definitions, summary.DefinitionVersionId, ct));
        var records = (await store.ListActivityExecutionsAsync(instanceId, null, ct))
            .Where(r => nodeId.Length == 0 || index.NodeIdOf(r.ActivityId) == nodeId)
            .Select(r => (JsonNode)(summaries ? StudioInstances.ExecutionSummary(r, index) : StudioInstances.Execution(r, index)))
            .ToList();
        return StudioJson.Ok(new JsonObject { ["items"] = new JsonArray([.. records]), ["count"] = records.Count });
    }

    private static async Task<IResult> ExecutionByIdAsync(string? id, IWorkflowInstanceStore store, IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        var found = await FindExecutionAsync(id, store, definitions, ct);
        return found is null
            ? StudioJson.NotFound($"Activity execution '{id}' does not exist.")
            : StudioJson.Ok(StudioInstances.Execution(found.Value.Record, found.Value.Index));
    }

    private static async Task<IResult> CallStackAsync(string id, IWorkflowInstanceStore store, IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        var found = await FindExecutionAsync(id, store, definitions, ct);
        return found is null
            ? StudioJson.NotFound($"Activity execution '{id}' does not exist.")
            : StudioJson.Ok(new JsonObject
            {
                ["activityExecutionId"] = id,
                ["items"] = new JsonArray(StudioInstances.Execution(found.Value.Record, found.Value.Index)),
                ["totalCount"] = 1,
            });
    }

    private static async Task<(ActivityExecutionRecord Record, DefinitionIndex Index)?> FindExecutionAsync(string? id, IWorkflowInstanceStore store, IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        if (id is null || !StudioInstances.TrySplitRecordId(id, out var instanceId, out var recordId))
        {
            return null;
        }

        var summary = await store.FindAsync(instanceId, ct);
        var record = summary is null ? null : (await store.ListActivityExecutionsAsync(instanceId, null, ct)).FirstOrDefault(r => r.Id == recordId);
        return record is null ? null : (record, new DefinitionIndex(await DefinitionEndpoints.FindByVersionIdAsync(definitions, summary!.DefinitionVersionId, ct)));
    }

    private static HashSet<string>? Set(JsonObject? filter, string name) =>
        filter?[name] is JsonArray ? filter.Strings(name).ToHashSet(StringComparer.Ordinal) : null;

    private static bool TryParseEnums<T>(JsonObject body, string listName, string singleName, out IReadOnlyCollection<T>? values, out (string Field, string Reason) bad)
        where T : struct, Enum
    {
        var texts = body.Strings(listName);
        if (body.Str(singleName) is { Length: > 0 } single)
        {
            texts.Add(single);
        }

        var parsed = new List<T>();
        bad = default;
        values = null;
        foreach (var text in texts)
        {
            if (!Enum.TryParse<T>(text, ignoreCase: true, out var value) || !Enum.IsDefined(value))
            {
                bad = (listName, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
                return false;
            }

            parsed.Add(value);
        }

        values = parsed.Count > 0 ? parsed : null;
        return true;
    }
}
