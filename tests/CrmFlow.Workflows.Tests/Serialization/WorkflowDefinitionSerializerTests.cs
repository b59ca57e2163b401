using System.Text;
using System.Text.Json.Nodes;
using CrmFlow.Workflows.Serialization;
using CrmFlow.Workflows.Tests.Support;

namespace CrmFlow.Workflows.Tests.Serialization;

public class WorkflowDefinitionSerializerTests
{
    public static TheoryData<string> Files => ConformanceFiles.AllJsonFileNames();

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_conformance_file_parses_with_a_root(string file)
    {
        var definition = WorkflowDefinitionSerializer.Parse(File.ReadAllText(Path.Combine(ConformanceFiles.WorkflowsFolder, file)));

        Assert.NotNull(definition.Root);
        Assert.NotEmpty(definition.Root!.Type);
        Assert.All(definition.AllActivities, a => Assert.False(string.IsNullOrEmpty(a.Id)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_conformance_file_round_trips_modulo_connection_shape(string file)
    {
        var text = File.ReadAllText(Path.Combine(ConformanceFiles.WorkflowsFolder, file));
        var expected = ExpectedAfterNormalisation(JsonNode.Parse(text.TrimStart('\uFEFF'))!);

        var written = WorkflowDefinitionSerializer.Serialize(WorkflowDefinitionSerializer.Parse(text));
        var reread = WorkflowDefinitionSerializer.Serialize(WorkflowDefinitionSerializer.Parse(written));

        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(written)), $"{file} changed on write:\n{written}");
        Assert.Equal(written, reread);
    }

    [Fact]
    public void Flat_connections_are_read_and_written_in_the_nested_shape()
    {
        var definition = WorkflowDefinitionSerializer.Parse(ConformanceFiles.Read("flowchart-completion-workflow1", "workflow1.json"));

        var connections = definition.Root!.Connections;
        Assert.Equal(2, connections.Count);
        Assert.All(connections, c => Assert.Equal("Done", c.SourcePort));
        var json = JsonNode.Parse(WorkflowDefinitionSerializer.Serialize(definition))!;
        var first = json["root"]!["connections"]![0]!;
        Assert.NotNull(first["source"]!["activity"]);
        Assert.Null(first["sourcePort"]);
    }

    [Fact]
    public void A_byte_order_mark_and_a_schema_property_are_tolerated_and_kept()
    {
        var text = "\uFEFF{\"$schema\":\"https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json\",\"id\":\"x\",\"root\":{\"id\":\"f\",\"type\":\"Elsa.Flowchart\",\"activities\":[]}}";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF'))).ToArray();

        var fromText = WorkflowDefinitionSerializer.Parse(text);
        var fromBytes = WorkflowDefinitionSerializer.Parse(bytes);

        Assert.Equal("x", fromText.Id);
        Assert.Equal("x", fromBytes.Id);
        Assert.Contains("$schema", WorkflowDefinitionSerializer.Serialize(fromText), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_activity_is_kept_and_served_to_studio_as_NotFoundActivity_then_restored_on_read()
    {
        var text = """
            {"id":"v1","definitionId":"d","root":{"id":"f","type":"Elsa.Flowchart","activities":[
              {"id":"a1","type":"Acme.Unknown","version":3,"foo":{"bar":1},"metadata":{"designer":{"position":{"x":1,"y":2}}}}],"connections":[]}}
            """;
        var definition = WorkflowDefinitionSerializer.Parse(text);

        var studio = WorkflowDefinitionSerializer.ToStudioJson(definition, (type, _) => type != "Acme.Unknown");
        var placeholder = studio["root"]!["activities"]![0]!;
        Assert.Equal("Elsa.NotFoundActivity", (string?)placeholder["type"]);
        Assert.Equal("Acme.Unknown", (string?)placeholder["missingTypeName"]);
        Assert.Equal(3, (int?)placeholder["missingTypeVersion"]);

        var restored = WorkflowDefinitionSerializer.Parse(studio.ToJsonString());
        var activity = restored.Root!.Activities[0];
        Assert.Equal("Acme.Unknown", activity.Type);
        Assert.Equal(3, activity.Version);
        Assert.True(JsonNode.DeepEquals(definition.Root!.Activities[0].Json, activity.Json));
    }

    [Fact]
    public void Unknown_activity_inside_a_switch_case_is_served_as_NotFoundActivity()
    {
        var text = """
            {"id":"v1","root":{"id":"sw","type":"Elsa.Switch","cases":[{"label":"a","activity":{"id":"x","type":"Acme.Unknown"}}]}}
            """;
        var definition = WorkflowDefinitionSerializer.Parse(text);

        var studio = WorkflowDefinitionSerializer.ToStudioJson(definition, (type, _) => type != "Acme.Unknown");

        Assert.Equal("Elsa.NotFoundActivity", (string?)studio["root"]!["cases"]![0]!["activity"]!["type"]);
        Assert.Contains(definition.AllActivities, a => a.Type == "Acme.Unknown");
        Assert.Equal("Acme.Unknown", WorkflowDefinitionSerializer.Parse(studio.ToJsonString()).AllActivities.Last().Type);
    }

    [Fact]
    public void Definition_fields_and_options_are_read()
    {
        var definition = WorkflowDefinitionSerializer.Parse(ConformanceFiles.Read("nested-workflow-activities", "atom-activity.json"));

        Assert.True(definition.Options.UsableAsActivity);
        Assert.Equal("Elsa.Flowchart", definition.Root!.Type);
    }

    /// <summary>The documented normalisation, written independently of the serializer: flat connections become nested.</summary>
    private static JsonNode ExpectedAfterNormalisation(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (key == "connections" && value is JsonArray arr)
                    {
                        for (var i = 0; i < arr.Count; i++)
                        {
                            if (arr[i] is JsonObject c && c["source"] is JsonValue)
                            {
                                var nested = new JsonObject
                                {
                                    ["source"] = new JsonObject { ["activity"] = (string?)c["source"], ["port"] = (string?)c["sourcePort"] ?? "Done" },
                                    ["target"] = new JsonObject { ["activity"] = (string?)c["target"], ["port"] = (string?)c["targetPort"] ?? "In" },
                                };
                                foreach (var (k, v) in c.ToList())
                                {
                                    if (k is not ("source" or "target" or "sourcePort" or "targetPort"))
                                    {
                                        nested[k] = v?.DeepClone();
                                    }
                                }

                                arr[i] = nested;
                            }
                        }
                    }
                    else if (value != null)
                    {
                        ExpectedAfterNormalisation(value);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item != null)
                    {
                        ExpectedAfterNormalisation(item);
                    }
                }

                break;
        }

        return node;
    }
}
