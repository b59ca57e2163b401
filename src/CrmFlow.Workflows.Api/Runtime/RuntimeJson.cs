using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CrmFlow.Workflows.Runtime;

namespace CrmFlow.Workflows.Api.Runtime;

/// <summary>JSON conventions of Elsa's API: camelCase, enums as strings, case-insensitive reading.</summary>
public static class RuntimeJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Reads a JSON object as plain CLR values (dictionary keys case-insensitive); null for null/absent.</summary>
    public static Dictionary<string, object?>? ToInput(JsonNode? node) =>
        node is JsonObject o
            ? new Dictionary<string, object?>(
                o.Select(p => new KeyValuePair<string, object?>(p.Key, EngineValueConverter.ToPlain(p.Value))), StringComparer.OrdinalIgnoreCase)
            : null;

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        foreach (var converter in WorkflowStateSerializer.Options.Converters.Where(c => c is not JsonStringEnumConverter))
        {
            options.Converters.Add(converter);
        }

        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
