using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Runtime;

/// <summary>
/// Elsa's type aliases (<c>String</c>, <c>Int32</c>, <c>Object[]</c>…) to CLR types and back. Type names are
/// hints: unknown or assembly-qualified names resolve to <see cref="object"/> and values still convert.
/// </summary>
public static class TypeAliases
{
    private static readonly Dictionary<string, Type> ByAlias = new(StringComparer.OrdinalIgnoreCase)
    {
        ["String"] = typeof(string),
        ["Boolean"] = typeof(bool),
        ["Int16"] = typeof(short),
        ["Int32"] = typeof(int),
        ["Int64"] = typeof(long),
        ["Single"] = typeof(float),
        ["Double"] = typeof(double),
        ["Decimal"] = typeof(decimal),
        ["Guid"] = typeof(Guid),
        ["DateTime"] = typeof(DateTime),
        ["DateTimeOffset"] = typeof(DateTimeOffset),
        ["TimeSpan"] = typeof(TimeSpan),
        ["Object"] = typeof(object),
        ["ByteArray"] = typeof(byte[]),
        ["JSON"] = typeof(JsonNode),
        ["JsonElement"] = typeof(JsonElement),
        ["JsonNode"] = typeof(JsonNode),
        ["JsonObject"] = typeof(JsonObject),
        ["JsonArray"] = typeof(JsonArray),
        ["StringDictionary"] = typeof(IDictionary<string, string>),
        ["ObjectDictionary"] = typeof(IDictionary<string, object>),
        ["StringMap"] = typeof(IDictionary<string, string>),
        ["ObjectMap"] = typeof(IDictionary<string, object>),
        ["IDictionary<String, Object>"] = typeof(IDictionary<string, object>),
    };

    private static readonly Dictionary<Type, string> ByType = new()
    {
        [typeof(string)] = "String",
        [typeof(bool)] = "Boolean",
        [typeof(short)] = "Int16",
        [typeof(int)] = "Int32",
        [typeof(long)] = "Int64",
        [typeof(float)] = "Single",
        [typeof(double)] = "Double",
        [typeof(decimal)] = "Decimal",
        [typeof(Guid)] = "Guid",
        [typeof(DateTime)] = "DateTime",
        [typeof(DateTimeOffset)] = "DateTimeOffset",
        [typeof(TimeSpan)] = "TimeSpan",
        [typeof(object)] = "Object",
        [typeof(byte[])] = "ByteArray",
        [typeof(JsonNode)] = "JsonNode",
        [typeof(JsonObject)] = "JsonObject",
        [typeof(JsonArray)] = "JsonArray",
        [typeof(JsonElement)] = "JsonElement",
    };

    /// <summary>Resolves an alias (or <c>X[]</c>, <c>List&lt;X&gt;</c>, <c>X?</c>); unknown names give <see cref="object"/>.</summary>
    public static Type Resolve(string? typeName, bool isArray = false)
    {
        var type = ResolveCore(typeName?.Trim());
        return isArray && !type.IsArray ? type.MakeArrayType() : type;
    }

    public static string GetAlias(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (ByType.TryGetValue(type, out var alias))
        {
            return alias;
        }

        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying != null)
        {
            return GetAlias(underlying) + "?";
        }

        if (type.IsArray)
        {
            return GetAlias(type.GetElementType()!) + "[]";
        }

        if (type.IsEnum)
        {
            return type.Name;
        }

        if (type.IsGenericType)
        {
            var args = type.GetGenericArguments();
            if (args.Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                return GetAlias(args[0]) + "[]";
            }

            if (args.Length == 2 && args[0] == typeof(string))
            {
                return args[1] == typeof(string) ? "StringDictionary" : "ObjectDictionary";
            }
        }

        return "Object";
    }

    private static Type ResolveCore(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return typeof(object);
        }

        if (ByAlias.TryGetValue(name, out var t))
        {
            return t;
        }

        if (name.EndsWith("[]", StringComparison.Ordinal))
        {
            var element = ResolveCore(name[..^2]);
            return element.MakeArrayType();
        }

        if (name.EndsWith('?'))
        {
            var inner = ResolveCore(name[..^1]);
            return inner.IsValueType ? typeof(Nullable<>).MakeGenericType(inner) : inner;
        }

        if (name.StartsWith("List<", StringComparison.Ordinal) && name.EndsWith('>'))
        {
            return typeof(List<>).MakeGenericType(ResolveCore(name[5..^1]));
        }

        return typeof(object);
    }
}
