using System.Collections;
using System.Dynamic;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace CrmFlow.Workflows.Expressions;

/// <summary>
/// Turns JSON (<see cref="JsonElement"/>, <see cref="JsonNode"/>, JSON text) into plain .NET values and back:
/// objects become <see cref="ExpandoObject"/>, arrays <c>object?[]</c>, numbers <see cref="int"/>,
/// <see cref="long"/> or <see cref="double"/>, the rest strings, booleans and null.
/// </summary>
public static class JsonValues
{
    /// <summary>Serializer settings used for JSON text produced by expressions (no HTML escaping, enums by name).</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions(camelCase: false);

    /// <summary>Settings used to read JSON into typed objects: case-insensitive names, enums by name or number.</summary>
    public static JsonSerializerOptions ReaderOptions { get; } = CreateSerializerOptions(camelCase: true);

    public static object? ToClr(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ObjectToExpando(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToClr).ToArray(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => NumberToClr(element),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static object? ToClr(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
            {
                var expando = new ExpandoObject();
                var dictionary = (IDictionary<string, object?>)expando;
                foreach (var (key, child) in obj)
                {
                    dictionary[key] = ToClr(child);
                }

                return expando;
            }

            case JsonArray array:
                return array.Select(ToClr).ToArray();
            case JsonValue value:
                if (value.TryGetValue<JsonElement>(out var element))
                {
                    return ToClr(element);
                }

                // A JsonValue built from a CLR value keeps it; strings, numbers and booleans come back as they went in.
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<object>() is string s ? s : value.ToString(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    JsonValueKind.Number => value.GetValue<object>(),
                    _ => value.GetValue<object>(),
                };
            default:
                return null;
        }
    }

    /// <summary>Parses JSON text into plain .NET values.</summary>
    public static object? ParseToClr(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        return ToClr(document.RootElement);
    }

    /// <summary>Serializes any value (dictionaries, ExpandoObject, arrays, JsonNode, POCOs) to compact JSON.</summary>
    public static string Serialize(object? value) => value switch
    {
        null => "null",
        JsonNode node => node.ToJsonString(SerializerOptions),
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(value, value.GetType(), SerializerOptions),
    };

    /// <summary>Converts a plain .NET value (or anything serializable) to a <see cref="JsonNode"/>.</summary>
    public static JsonNode? ToJsonNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        _ when IsPlainData(value) => JsonNode.Parse(Serialize(value)),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), SerializerOptions),
    };

    private static bool IsPlainData(object value) => value is IDictionary or IEnumerable or ExpandoObject || value.GetType().IsPrimitive || value is decimal;

    private static ExpandoObject ObjectToExpando(JsonElement element)
    {
        var expando = new ExpandoObject();
        var dictionary = (IDictionary<string, object?>)expando;

        foreach (var property in element.EnumerateObject())
        {
            dictionary[property.Name] = ToClr(property.Value);
        }

        return expando;
    }

    private static object NumberToClr(JsonElement element)
    {
        if (element.TryGetInt32(out var i))
        {
            return i;
        }

        if (element.TryGetInt64(out var l))
        {
            return l;
        }

        return element.TryGetDouble(out var d) ? d : decimal.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static JsonSerializerOptions CreateSerializerOptions(bool camelCase)
    {
        var options = new JsonSerializerOptions
        {
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            PropertyNameCaseInsensitive = true,
            NumberHandling = camelCase ? System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString : System.Text.Json.Serialization.JsonNumberHandling.Strict,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };

        if (camelCase)
        {
            options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        }

        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
