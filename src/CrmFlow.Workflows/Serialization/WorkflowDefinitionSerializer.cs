using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Model;

namespace CrmFlow.Workflows.Serialization;

/// <summary>
/// Reads and writes Elsa 3 workflow definition JSON as Studio exports it.
/// Normalisations on read (documented, the only differences a round trip shows):
/// a UTF-8 byte-order mark is dropped; flat connections (<c>source</c>/<c>sourcePort</c>…) become the nested
/// shape (<c>{source:{activity,port}, target:{activity,port}}</c>); an <c>Elsa.NotFoundActivity</c> placeholder
/// carrying <c>originalActivityJson</c> is replaced by the original activity.
/// </summary>
public static class WorkflowDefinitionSerializer
{
    public const string NotFoundActivityType = "Elsa.NotFoundActivity";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly JsonSerializerOptions Indented = new() { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(), WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(), WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static WorkflowDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > 0 && json[0] == '\uFEFF')
        {
            json = json[1..];
        }

        var node = JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                   ?? throw new JsonException("A workflow definition must be a JSON object.");
        return FromJsonObject(node);
    }

    public static WorkflowDefinition Parse(ReadOnlySpan<byte> utf8Json)
    {
        var bom = Encoding.UTF8.Preamble;
        if (utf8Json.StartsWith(bom))
        {
            utf8Json = utf8Json[bom.Length..];
        }

        return Parse(Encoding.UTF8.GetString(utf8Json));
    }

    public static async Task<WorkflowDefinition> ParseAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return Parse(text);
    }

    /// <summary>Wraps a JSON object (normalising it in place).</summary>
    public static WorkflowDefinition FromJsonObject(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.GetObject("root") is { } root)
        {
            var restored = Normalize(root);
            if (!ReferenceEquals(restored, root))
            {
                json["root"] = restored;
            }
        }

        return new WorkflowDefinition(json);
    }

    public static string Serialize(WorkflowDefinition definition, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Json.ToJsonString(indented ? Indented : Compact);
    }

    /// <summary>A deep copy of the definition's JSON (new connection shape).</summary>
    public static JsonObject ToJsonObject(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return (JsonObject)definition.Json.DeepClone();
    }

    /// <summary>
    /// The JSON as served to Studio: activities whose type is unknown (per <paramref name="isKnownType"/>) are
    /// replaced by <c>Elsa.NotFoundActivity</c> keeping the original type, version and JSON.
    /// </summary>
    public static JsonObject ToStudioJson(WorkflowDefinition definition, Func<string, int, bool> isKnownType)
    {
        ArgumentNullException.ThrowIfNull(isKnownType);
        var copy = ToJsonObject(definition);
        if (copy.GetObject("root") is { } root)
        {
            copy["root"] = ReplaceUnknown(root, isKnownType);
        }

        return copy;
    }

    /// <summary>Builds the <c>Elsa.NotFoundActivity</c> placeholder for an unknown activity.</summary>
    public static JsonObject ToNotFoundActivity(JsonObject original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var placeholder = new JsonObject
        {
            ["id"] = original.GetString("id"),
            ["nodeId"] = original.GetString("nodeId"),
            ["name"] = original.GetString("name"),
            ["type"] = NotFoundActivityType,
            ["version"] = 1,
            ["customProperties"] = original.GetObject("customProperties")?.DeepClone() ?? new JsonObject(),
            ["metadata"] = original.GetObject("metadata")?.DeepClone() ?? new JsonObject(),
            ["missingTypeName"] = original.GetString("type"),
            ["missingTypeVersion"] = original.GetInt("version") ?? 1,
            ["originalActivityJson"] = original.ToJsonString(Compact),
        };
        return placeholder;
    }

    private static JsonObject ReplaceUnknown(JsonObject activity, Func<string, int, bool> isKnownType)
    {
        var type = activity.GetString("type") ?? string.Empty;
        if (!isKnownType(type, activity.GetInt("version") ?? 1))
        {
            return ToNotFoundActivity(activity);
        }

        foreach (var (key, value) in activity.ToList())
        {
            if (value is JsonObject o && ActivityNode.IsActivityObject(o) && key != "start")
            {
                activity[key] = ReplaceUnknown(o, isKnownType);
            }
            else if (value is JsonArray arr)
            {
                for (var i = 0; i < arr.Count; i++)
                {
                    if (arr[i] is JsonObject item && ActivityNode.IsActivityObject(item))
                    {
                        var replaced = ReplaceUnknown(item, isKnownType);
                        if (!ReferenceEquals(replaced, item))
                        {
                            arr[i] = replaced;
                        }
                    }
                    else if (arr[i] is JsonObject caseItem && caseItem["activity"] is JsonObject caseActivity && ActivityNode.IsActivityObject(caseActivity))
                    {
                        caseItem["activity"] = ReplaceUnknown(caseActivity, isKnownType);
                    }
                }
            }
        }

        return activity;
    }

    /// <summary>Normalises an activity subtree in place; returns a replacement when the node itself is replaced.</summary>
    private static JsonObject Normalize(JsonObject activity)
    {
        if (activity.GetString("type") == NotFoundActivityType && activity.GetString("originalActivityJson") is { } originalJson)
        {
            try
            {
                if (JsonNode.Parse(originalJson) is JsonObject original && ActivityNode.IsActivityObject(original))
                {
                    activity = original;
                }
            }
            catch (JsonException)
            {
                // Keep the placeholder as is: it is still a valid (unknown-type) activity.
            }
        }

        foreach (var (key, value) in activity.ToList())
        {
            if (key == "connections" && value is JsonArray connections)
            {
                for (var i = 0; i < connections.Count; i++)
                {
                    if (connections[i] is JsonObject c && Connection.IsFlatShape(c))
                    {
                        connections[i] = ToNestedShape(c);
                    }
                }
            }
            else if (value is JsonObject o && ActivityNode.IsActivityObject(o))
            {
                var n = Normalize(o);
                if (!ReferenceEquals(n, o))
                {
                    activity[key] = n;
                }
            }
            else if (value is JsonArray arr)
            {
                for (var i = 0; i < arr.Count; i++)
                {
                    if (arr[i] is JsonObject item && ActivityNode.IsActivityObject(item))
                    {
                        var n = Normalize(item);
                        if (!ReferenceEquals(n, item))
                        {
                            arr[i] = n;
                        }
                    }
                    else if (arr[i] is JsonObject caseItem && caseItem["activity"] is JsonObject caseActivity && ActivityNode.IsActivityObject(caseActivity))
                    {
                        var n = Normalize(caseActivity);
                        if (!ReferenceEquals(n, caseActivity))
                        {
                            caseItem["activity"] = n;
                        }
                    }
                }
            }
        }

        return activity;
    }

    private static JsonObject ToNestedShape(JsonObject flat)
    {
        Connection.TryRead(flat, out var c);
        var nested = new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = c.SourceId, ["port"] = c.SourcePort },
            ["target"] = new JsonObject { ["activity"] = c.TargetId, ["port"] = c.TargetPort },
        };
        foreach (var (key, value) in flat.ToList())
        {
            if (key is "source" or "target" or "sourcePort" or "targetPort")
            {
                continue;
            }

            flat.Remove(key);
            nested[key] = value;
        }

        return nested;
    }
}
