using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Model;

/// <summary>Tolerant accessors over Elsa JSON: wrong kinds read as absent instead of throwing.</summary>
internal static class JsonAccess
{
    public static string? GetString(this JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) ? AsString(node) : null;

    public static string? AsString(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    public static int? GetInt(this JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node) || node is not JsonValue v)
        {
            return null;
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.Number when v.TryGetValue<int>(out var i) => i,
            JsonValueKind.Number => (int)v.GetValue<double>(),
            JsonValueKind.String when int.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
    }

    public static bool? GetBool(this JsonObject obj, string name)
    {
        if (!obj.TryGetPropertyValue(name, out var node) || node is not JsonValue v)
        {
            return null;
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(v.GetValue<string>(), out var b) => b,
            _ => null,
        };
    }

    public static DateTimeOffset? GetDateTimeOffset(this JsonObject obj, string name)
    {
        var s = obj.GetString(name);
        return s != null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;
    }

    public static JsonObject? GetObject(this JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) ? node as JsonObject : null;

    public static JsonArray? GetArray(this JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var node) ? node as JsonArray : null;

    /// <summary>Gets a property case-insensitively (Elsa writes camelCase; older exports vary).</summary>
    public static JsonNode? GetIgnoreCase(this JsonObject obj, string name)
    {
        if (obj.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public static void SetOrRemove(this JsonObject obj, string name, JsonNode? value)
    {
        if (value is null)
        {
            obj.Remove(name);
        }
        else
        {
            obj[name] = value;
        }
    }

    public static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    public static string ToPascalCase(string name) =>
        string.IsNullOrEmpty(name) || char.IsUpper(name[0]) ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
