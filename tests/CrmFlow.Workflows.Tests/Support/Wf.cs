using System.Text.Json.Nodes;
using CrmFlow.Workflows.Model;
using CrmFlow.Workflows.Serialization;

namespace CrmFlow.Workflows.Tests.Support;

/// <summary>Small builders for hand-written Elsa JSON in tests.</summary>
public static class Wf
{
    public static JsonObject Literal(object? value, string typeName = "Object") =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = JsonValue.Create(value) } };

    public static JsonObject ObjectExpression(string json) =>
        new() { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = json } };

    public static JsonObject Activity(string id, string type, params (string Name, JsonNode? Value)[] properties)
    {
        var o = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        foreach (var (name, value) in properties)
        {
            o[name] = value;
        }

        return o;
    }

    public static JsonObject WriteLine(string id, string text) => Activity(id, "Elsa.WriteLine", ("text", Literal(text, "String")));

    public static JsonObject Flowchart(string id, IEnumerable<JsonObject> activities, params (string From, string Port, string To)[] connections) =>
        new()
        {
            ["id"] = id,
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray([.. activities]),
            ["connections"] = new JsonArray([.. connections.Select(c => (JsonNode)new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = c.From, ["port"] = c.Port },
                ["target"] = new JsonObject { ["activity"] = c.To, ["port"] = "In" },
            })]),
        };

    public static JsonObject Sequence(string id, params JsonObject[] activities) =>
        new() { ["id"] = id, ["type"] = "Elsa.Sequence", ["version"] = 1, ["activities"] = new JsonArray([.. activities]) };

    public static WorkflowDefinition Definition(JsonObject root, string definitionId = "test", Action<JsonObject>? configure = null)
    {
        var json = new JsonObject
        {
            ["id"] = definitionId + "-v1",
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["version"] = 1,
            ["isPublished"] = true,
            ["isLatest"] = true,
            ["variables"] = new JsonArray(),
            ["inputs"] = new JsonArray(),
            ["outputs"] = new JsonArray(),
            ["outcomes"] = new JsonArray(),
            ["root"] = root,
        };
        configure?.Invoke(json);
        return WorkflowDefinitionSerializer.FromJsonObject(json);
    }

    /// <summary>Replaces every JavaScript expression whose code is <paramref name="script"/> with a Literal.</summary>
    public static WorkflowDefinition ReplaceScript(WorkflowDefinition definition, string script, object? literal)
    {
        var json = (JsonObject)definition.Json.DeepClone();
        Replace(json, script, literal);
        return WorkflowDefinitionSerializer.FromJsonObject(json);
    }

    private static void Replace(JsonNode node, string script, object? literal)
    {
        switch (node)
        {
            case JsonObject o:
                if ((string?)o["type"] == "JavaScript" && o["value"] is JsonValue v && v.TryGetValue<string>(out var s) && s == script)
                {
                    o["type"] = "Literal";
                    o["value"] = JsonValue.Create(literal);
                }

                foreach (var (_, value) in o.ToList())
                {
                    if (value != null)
                    {
                        Replace(value, script, literal);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item != null)
                    {
                        Replace(item, script, literal);
                    }
                }

                break;
        }
    }
}
