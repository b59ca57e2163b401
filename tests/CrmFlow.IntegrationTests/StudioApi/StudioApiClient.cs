using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmFlow.IntegrationTests.StudioApi;

/// <summary>Requests shaped as Elsa Studio 3.8.2 sends them (camelCase bodies, PascalCase query keys).</summary>
internal static class StudioApiClient
{
    public const string Base = "/elsa/api";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(Base + path, Ct);
        return await ReadAsync(response, path);
    }

    public static async Task<JsonObject> PostJsonAsync(this HttpClient client, string path, JsonNode? body)
    {
        using var response = await client.SendJsonAsync(HttpMethod.Post, path, body);
        return await ReadAsync(response, path);
    }

    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(method, Base + path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, Ct);
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The save body the editor posts (<c>{model, publish}</c>).</summary>
    public static JsonObject SaveBody(JsonObject model, bool? publish) =>
        new() { ["model"] = model.DeepClone(), ["publish"] = publish };

    /// <summary>What "Create workflow" in the definition list posts: nulls and a bare root without arrays.</summary>
    public static JsonObject CreateBody(string name) => JsonNode.Parse($$"""
        {
          "model": {
            "id": null, "definitionId": null, "name": "{{name}}", "description": null, "createdAt": "0001-01-01T00:00:00+00:00",
            "version": 0, "toolVersion": "3.8.0.0", "variables": null, "inputs": null, "outputs": null, "outcomes": null,
            "customProperties": null, "isReadonly": false, "isSystem": false, "isLatest": false, "isPublished": false,
            "options": null, "usableAsActivity": null, "links": null,
            "root": { "id": "7d2a4dd7a9a351a4", "type": "Elsa.Flowchart", "version": 1, "name": "Flowchart1" }
          },
          "publish": null
        }
        """)!.AsObject();

    /// <summary>A flowchart Start → WriteLine × <paramref name="writes"/> → End, as the editor holds it.</summary>
    public static JsonObject Flow(string definitionId, string name, int writes = 1, string? extraType = null)
    {
        var activities = new JsonArray
        {
            Activity("start", "Elsa.Start", 0),
        };
        var connections = new JsonArray();
        var previous = "start";
        for (var i = 1; i <= writes; i++)
        {
            var id = "write" + i;
            var write = Activity(id, "Elsa.WriteLine", i * 10);
            write["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "Line " + i }, ["memoryReference"] = null };
            activities.Add(write);
            connections.Add(Connection(previous, "Done", id));
            previous = id;
        }

        if (extraType is not null)
        {
            activities.Add(Activity("extra", extraType, 500));
            connections.Add(Connection(previous, "Done", "extra"));
            previous = "extra";
        }

        activities.Add(Activity("end", "Elsa.End", 1000));
        connections.Add(Connection(previous, "Done", "end"));
        return new JsonObject
        {
            ["id"] = null,
            ["definitionId"] = definitionId,
            ["name"] = name,
            ["description"] = "Studio API test flow",
            ["toolVersion"] = "3.8.2.0",
            ["variables"] = new JsonArray(new JsonObject { ["id"] = "var1", ["name"] = "Counter", ["typeName"] = "Int32", ["isArray"] = false, ["value"] = "7", ["storageDriverTypeName"] = null }),
            ["inputs"] = new JsonArray(),
            ["outputs"] = new JsonArray(),
            ["outcomes"] = new JsonArray(),
            ["customProperties"] = new JsonObject { ["logPersistenceMode"] = new JsonObject { ["default"] = "Inherit" } },
            ["options"] = new JsonObject { ["activationStrategyType"] = null, ["usableAsActivity"] = false, ["autoUpdateConsumingWorkflows"] = false, ["activityCategory"] = null, ["incidentStrategyType"] = null, ["commitStrategyName"] = null },
            ["links"] = null,
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart",
                ["version"] = 1,
                ["id"] = "root1",
                ["nodeId"] = "Workflow1:root1",
                ["name"] = "Flowchart1",
                ["customProperties"] = new JsonObject(),
                ["metadata"] = new JsonObject(),
                ["activities"] = activities,
                ["connections"] = connections,
            },
        };
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string because, int seconds = 20)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "Timed out: " + because);
            await Task.Delay(100, Ct);
        }
    }

    public static bool HasLink(JsonNode? owner, string rel) =>
        owner?["links"] is JsonArray links && links.Any(l => (string?)l?["rel"] == rel);

    /// <summary>A flowchart node as the editor holds it.</summary>
    public static JsonObject Activity(string id, string type, int x) => new()
    {
        ["id"] = id,
        ["nodeId"] = "Workflow1:root1:" + id,
        ["name"] = id,
        ["type"] = type,
        ["version"] = 1,
        ["customProperties"] = new JsonObject { ["canStartWorkflow"] = type == "Elsa.Start" },
        ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = 100 }, ["size"] = new JsonObject { ["width"] = 120, ["height"] = 50 } } },
    };

    /// <summary>A flowchart connection as the editor holds it.</summary>
    public static JsonObject Connection(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };
}
