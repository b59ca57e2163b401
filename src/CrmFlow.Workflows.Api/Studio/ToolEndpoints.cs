using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Runtime;
using CrmFlow.Workflows.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CrmFlow.Workflows.Api.Studio;

/// <summary>The activity "Test" tab and Monaco's JavaScript declarations.</summary>
internal static class ToolEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/tests/activities", TestActivityAsync).RequireAuthorization(WorkflowsApiModule.DesignerPolicy);
        api.MapPost("/scripting/javascript/type-definitions/{definitionId}", TypeDefinitionsAsync);
    }

    /// <summary>
    /// Runs one activity of a definition version on its own (a one-node flowchart in memory, nothing persisted),
    /// with the variables' test values from <c>customProperties.VariableTestValues</c>.
    /// </summary>
    private static async Task<IResult> TestActivityAsync(HttpContext context, IWorkflowDefinitionStore store, IWorkflowRunner runner, CancellationToken ct)
    {
        var body = await StudioJson.ReadObjectAsync(context.Request, ct);
        var handle = body?["workflowDefinitionHandle"] as JsonObject;
        var activityHandle = body?["activityHandle"] as JsonObject;
        if (handle is null || activityHandle is null)
        {
            return StudioJson.BadField("workflowDefinitionHandle", "workflowDefinitionHandle and activityHandle are required.");
        }

        WorkflowDefinition? definition;
        if (handle.Str("definitionVersionId") is { Length: > 0 } versionId)
        {
            definition = await DefinitionEndpoints.FindByVersionIdAsync(store, versionId, ct);
        }
        else if (handle.Str("definitionId") is { Length: > 0 } definitionId && DefinitionEndpoints.TryParseVersion(handle.Str("versionOptions") ?? "Latest", out var options))
        {
            definition = await store.FindAsync(definitionId, options, ct);
        }
        else
        {
            return StudioJson.BadField("workflowDefinitionHandle", "Give definitionVersionId, or definitionId with versionOptions.");
        }

        if (definition is null)
        {
            return StudioJson.NotFound("The workflow definition does not exist.");
        }

        var nodeIds = StudioDefinitions.NodeIds(definition);
        var wantedNode = activityHandle.Str("activityNodeId");
        var wantedId = activityHandle.Str("activityId");
        var activity = definition.AllActivities.FirstOrDefault(a =>
            (wantedId != null && a.Id == wantedId) || (wantedNode != null && nodeIds.GetValueOrDefault(a.Id) == wantedNode));
        if (activity is null || ReferenceEquals(activity, definition.Root))
        {
            return StudioJson.BadField("activityHandle", "The activity does not exist in this workflow definition.");
        }

        var json = WorkflowDefinitionSerializer.ToJsonObject(definition);
        var testValues = definition.CustomProperties?["VariableTestValues"] as JsonObject;
        if (testValues is not null && json["variables"] is JsonArray variables)
        {
            foreach (var variable in variables.OfType<JsonObject>())
            {
                if (variable.Str("id") is { } id && testValues[id] is { } value)
                {
                    variable["value"] = value.DeepClone();
                }
            }
        }

        var single = (JsonObject)activity.Json.DeepClone();
        single["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        json["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["id"] = "activity-test",
            ["activities"] = new JsonArray(single),
            ["connections"] = new JsonArray(),
        };
        var test = WorkflowDefinitionSerializer.FromJsonObject(json);
        var result = await runner.RunAsync(test, new RunWorkflowOptions { InstanceId = "activity-test-" + Guid.NewGuid().ToString("N") }, ct);
        var state = result.State;
        var incident = state.Incidents.FirstOrDefault(i => i.ActivityId == activity.Id);
        var status = incident is not null ? "Faulted"
            : state.Bookmarks.Any(b => b.ActivityId == activity.Id) ? "Running"
            : "Completed";
        var outputs = new JsonObject();
        if (state.ActivityOutputs.TryGetValue(activity.Id, out var values))
        {
            foreach (var (name, value) in values)
            {
                outputs[name] = StudioInstances.ToJson(value);
            }
        }

        var activityState = new JsonObject();
        foreach (var entry in state.Journal.Where(j => j.ActivityId == activity.Id && j.Inputs is not null).Take(1))
        {
            activityState = StudioInstances.ToJson(entry.Inputs) as JsonObject ?? [];
        }

        return StudioJson.Ok(new JsonObject
        {
            ["activityState"] = activityState,
            ["outputs"] = outputs,
            ["status"] = status,
            ["exception"] = incident is null ? null : new JsonObject { ["type"] = "Exception", ["message"] = incident.Message },
        });
    }

    /// <summary>TypeScript declarations for Monaco: the workflow's variables, inputs and the script helpers.</summary>
    private static async Task<IResult> TypeDefinitionsAsync(string definitionId, IWorkflowDefinitionStore store, ActivityRegistry registry, CancellationToken ct)
    {
        var definition = await store.FindAsync(definitionId, VersionOptions.Latest, ct);
        var text = new StringBuilder();
        text.AppendLine("declare function getVariable(name: string): any;");
        text.AppendLine("declare function setVariable(name: string, value: any): void;");
        text.AppendLine("declare function getInput(name: string): any;");
        text.AppendLine("declare function getOutputFrom(activityIdOrName: string, outputName?: string): any;");
        text.AppendLine("declare function getLastResult(): any;");
        text.AppendLine("declare function getWorkflowInstanceId(): string;");
        text.AppendLine("declare function getCorrelationId(): string;");
        text.AppendLine("declare function setCorrelationId(value: string): void;");
        text.AppendLine("declare function isNullOrWhiteSpace(value: string): boolean;");
        text.AppendLine("declare function isNullOrEmpty(value: string): boolean;");
        text.AppendLine("declare function parseGuid(value: string): string;");
        text.AppendLine("declare function newGuid(): string;");
        text.AppendLine("declare function newGuidString(): string;");
        text.AppendLine("declare function toJson(value: any): string;");
        foreach (var variable in definition?.Variables ?? [])
        {
            if (IsIdentifier(variable.Name))
            {
                var type = TsType(variable.TypeName) + (variable.IsArray ? "[]" : string.Empty);
                text.AppendLine(CultureInfo.InvariantCulture, $"declare function get{variable.Name}(): {type};");
                text.AppendLine(CultureInfo.InvariantCulture, $"declare function set{variable.Name}(value: {type}): void;");
            }
        }

        text.AppendLine("declare const variables: {");
        foreach (var variable in (definition?.Variables ?? []).Where(v => IsIdentifier(v.Name)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {variable.Name}: {TsType(variable.TypeName)}{(variable.IsArray ? "[]" : string.Empty)};");
        }

        text.AppendLine("};");
        text.AppendLine("declare const input: {");
        foreach (var input in (definition?.Inputs ?? []).Where(i => IsIdentifier(i.Name)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {input.Name}: {TsType(input.Type)}{(input.IsArray ? "[]" : string.Empty)};");
        }

        text.AppendLine("};");
        foreach (var activity in definition?.AllActivities ?? [])
        {
            if (activity.Name is { } name && IsIdentifier(name) && registry.Resolve(activity) is { Outputs.Count: > 0 } descriptor)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"declare const {name}: {{ {string.Join(" ", descriptor.Outputs.Select(o => $"{o.Name}: {TsType(o.TypeName)};"))} }};");
            }
        }

        return Results.Text(text.ToString(), "text/plain", Encoding.UTF8);
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    private static string TsType(string? typeName) => typeName switch
    {
        "String" or "Guid" => "string",
        "Boolean" => "boolean",
        "Int16" or "Int32" or "Int64" or "Single" or "Double" or "Decimal" => "number",
        "DateTime" or "DateTimeOffset" => "Date",
        _ => "any",
    };
}
