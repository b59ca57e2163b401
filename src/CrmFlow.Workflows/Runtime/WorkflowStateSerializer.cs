using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmFlow.Workflows.Runtime;

/// <summary>System.Text.Json (de)serialisation of <see cref="WorkflowState"/>; values come back as plain CLR values.</summary>
public static class WorkflowStateSerializer
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(WorkflowState state) => JsonSerializer.Serialize(state, Options);

    public static WorkflowState Deserialize(string json)
    {
        var state = JsonSerializer.Deserialize<WorkflowState>(json, Options) ?? throw new JsonException("Empty workflow state.");

        // Restore the key comparers the engine relies on (JSON does not carry them).
        state.Input = IgnoreCase(state.Input)!;
        state.Output = IgnoreCase(state.Output)!;
        state.ActivityOutputs = state.ActivityOutputs.ToDictionary(p => p.Key, p => IgnoreCase(p.Value)!, StringComparer.Ordinal);
        foreach (var context in state.Contexts)
        {
            context.Inputs = IgnoreCase(context.Inputs);
            context.ScopeInput = IgnoreCase(context.ScopeInput);
            context.ScopeOutput = IgnoreCase(context.ScopeOutput);
        }

        return state;
    }

    private static Dictionary<string, object?>? IgnoreCase(Dictionary<string, object?>? values) =>
        values is null ? null : new Dictionary<string, object?>(values, StringComparer.OrdinalIgnoreCase);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new PlainObjectConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads <c>object</c> slots as plain values (string, bool, number, dictionary, list).</summary>
    private sealed class PlainObjectConverter : JsonConverter<object>
    {
        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            return EngineValueConverter.ToPlain(doc.RootElement.Clone());
        }

        public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
        {
            var type = value.GetType();
            if (type == typeof(object))
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
                return;
            }

            JsonSerializer.Serialize(writer, value, type, options);
        }
    }
}
