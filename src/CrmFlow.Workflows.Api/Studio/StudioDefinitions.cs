using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Contracts;
using CrmFlow.Workflows.Management;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Serialization;
using Microsoft.AspNetCore.Authorization;

namespace CrmFlow.Workflows.Api.Studio;

/// <summary>Turns stored definitions into the JSON the Studio reads: node ids, defaults and hypermedia links.</summary>
internal static class StudioDefinitions
{
    /// <summary>The prefix of root node ids, as Elsa computes them for a workflow.</summary>
    public const string WorkflowNodeId = "Workflow1";

    private static readonly HashSet<string> NonActivityProperties = new(StringComparer.Ordinal)
    {
        "connections", "metadata", "customProperties", "variables",
    };

    public static async Task<bool> CanEditAsync(IAuthorizationService authorization, ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, WorkflowsApiModule.DesignerPolicy).ConfigureAwait(false)).Succeeded;

    /// <summary>The full definition as the editor and viewer load it, with links.</summary>
    public static JsonObject Full(WorkflowDefinition definition, ActivityRegistry registry, bool canEdit, DateTimeOffset? createdAt)
    {
        var json = WorkflowDefinitionSerializer.ToStudioJson(definition, registry.IsKnown);
        json.Remove("links");
        json["createdAt"] ??= (createdAt ?? DateTimeOffset.UnixEpoch).ToString("O", CultureInfo.InvariantCulture);
        json["toolVersion"] ??= "3.8.2.0";
        json["isReadonly"] ??= false;
        json["isSystem"] ??= false;
        json["providerName"] ??= "Default";
        json["materializerName"] ??= "Json";
        json["variables"] ??= new JsonArray();
        json["inputs"] ??= new JsonArray();
        json["outputs"] ??= new JsonArray();
        json["outcomes"] ??= new JsonArray();
        json["customProperties"] ??= new JsonObject();
        json["options"] ??= new JsonObject { ["usableAsActivity"] = false, ["autoUpdateConsumingWorkflows"] = false };
        if (json["root"] is JsonObject root)
        {
            FillNodeIds(root, WorkflowNodeId);
        }

        json["links"] = Links(definition.DefinitionId!, canEdit && !definition.IsReadonly);
        return json;
    }

    /// <summary>A list row (Elsa's <c>LinkedWorkflowDefinitionSummary</c>).</summary>
    public static JsonObject Summary(WorkflowDefinitionSummary s, bool canEdit) => new()
    {
        ["id"] = s.Id,
        ["definitionId"] = s.DefinitionId,
        ["name"] = s.Name,
        ["description"] = s.Description,
        ["version"] = s.Version,
        ["toolVersion"] = "3.8.2.0",
        ["isLatest"] = s.IsLatest,
        ["isPublished"] = s.IsPublished,
        ["providerName"] = "Default",
        ["materializerName"] = s.MaterializerName,
        ["createdAt"] = s.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        ["isReadonly"] = s.IsReadonly,
        ["isSystem"] = false,
        ["isMaterializerAvailable"] = true,
        ["links"] = Links(s.DefinitionId, canEdit && !s.IsReadonly),
    };

    public static JsonArray Links(string definitionId, bool canEdit)
    {
        var path = "/workflow-definitions/" + Uri.EscapeDataString(definitionId);
        var links = new JsonArray
        {
            Link(path, "self", "GET"),
            Link("/workflow-definitions/by-definition-id/" + Uri.EscapeDataString(definitionId), "self", "GET"),
            Link(path + "/versions", "versions", "GET"),
            Link(path + "/execute", "execute", "POST"),
            Link(path + "/export", "export", "GET"),
        };
        if (canEdit)
        {
            links.Add(Link(path + "/publish", "publish", "POST"));
            links.Add(Link(path + "/retract", "retract", "POST"));
            links.Add(Link(path, "delete", "DELETE"));
            links.Add(Link("/workflow-definitions/import", "import", "POST"));
        }

        return links;
    }

    public static JsonArray ListLinks(bool canEdit)
    {
        var links = new JsonArray { Link("/workflow-definitions", "self", "GET") };
        if (canEdit)
        {
            links.Add(Link("/workflow-definitions", "create", "POST"));
            links.Add(Link("/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST"));
            links.Add(Link("/bulk-actions/retract/workflow-definitions/by-definition-ids", "bulk-retract", "POST"));
            links.Add(Link("/bulk-actions/delete/workflow-definitions/by-definition-id", "bulk-delete-by-definition-id", "POST"));
            links.Add(Link("/bulk-actions/delete/workflow-definitions/by-id", "bulk-delete-by-id", "POST"));
            links.Add(Link("/workflow-definitions/import", "import", "POST"));
        }

        return links;
    }

    /// <summary>activity id → node id for every activity of the definition (what journal and execution records key on).</summary>
    public static Dictionary<string, string> NodeIds(WorkflowDefinition definition)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (definition.Json["root"] is JsonObject root)
        {
            var copy = (JsonObject)root.DeepClone();
            FillNodeIds(copy, WorkflowNodeId);
            Collect(copy, map);
        }

        return map;
    }

    /// <summary>The export form: the stored definition without links or server-only flags of the response.</summary>
    public static JsonObject Export(WorkflowDefinition definition)
    {
        var json = WorkflowDefinitionSerializer.ToJsonObject(definition);
        json.Remove("links");
        return json;
    }

    private static JsonObject Link(string href, string rel, string method) => new() { ["href"] = href, ["rel"] = rel, ["method"] = method };

    private static void FillNodeIds(JsonObject activity, string parentNodeId)
    {
        var id = activity["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (id is null)
        {
            return;
        }

        if (activity["nodeId"] is not JsonValue existing || !existing.TryGetValue<string>(out var nodeId) || string.IsNullOrEmpty(nodeId))
        {
            nodeId = parentNodeId + ":" + id;
            activity["nodeId"] = nodeId;
        }

        foreach (var child in Children(activity))
        {
            FillNodeIds(child, nodeId);
        }
    }

    private static void Collect(JsonObject activity, Dictionary<string, string> map)
    {
        if (activity["id"] is JsonValue v && v.TryGetValue<string>(out var id) && activity["nodeId"] is JsonValue n && n.TryGetValue<string>(out var nodeId))
        {
            map.TryAdd(id, nodeId);
        }

        foreach (var child in Children(activity))
        {
            Collect(child, map);
        }
    }

    private static IEnumerable<JsonObject> Children(JsonObject activity)
    {
        foreach (var (key, value) in activity)
        {
            if (NonActivityProperties.Contains(key))
            {
                continue;
            }

            if (value is JsonObject o && IsActivity(o))
            {
                yield return o;
            }
            else if (value is JsonArray a)
            {
                foreach (var item in a.OfType<JsonObject>().Where(IsActivity))
                {
                    yield return item;
                }
            }
        }
    }

    private static bool IsActivity(JsonObject o) =>
        o["type"] is JsonValue t && t.TryGetValue<string>(out _) && o["id"] is JsonValue i && i.TryGetValue<string>(out _);
}
