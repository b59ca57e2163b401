using System.Collections.Concurrent;
using System.Dynamic;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Expressions;

/// <summary>
/// Maps Elsa <c>typeName</c> strings (<c>String</c>, <c>Int32?</c>, <c>Object[]</c>, <c>List&lt;String&gt;</c>,
/// <c>IDictionary&lt;String, Object&gt;</c>, assembly-qualified names) to CLR types and back, the way Elsa's
/// <c>WellKnownTypeRegistry</c> does. Unknown names resolve to <see cref="object"/>.
/// </summary>
public sealed class WellKnownTypeRegistry
{
    private readonly ConcurrentDictionary<string, Type> _aliasToType = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Type, string> _typeToAlias = new();
    private readonly ConcurrentDictionary<string, Type> _resolved = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registry with Elsa's default aliases plus the ones CrmFlow flows use.</summary>
    public static WellKnownTypeRegistry Default { get; } = CreateDefault();

    /// <summary>Creates a registry holding Elsa's default aliases.</summary>
    public static WellKnownTypeRegistry CreateDefault()
    {
        var registry = new WellKnownTypeRegistry();

        // The order matters where two aliases share a type: the last one registered becomes the type's alias.
        registry.Register(typeof(long), "Long");
        registry.Register(typeof(short), "Int16");
        registry.Register(typeof(int), "Int32");
        registry.Register(typeof(long), "Int64");
        registry.Register(typeof(float), "Single");
        registry.Register(typeof(object), "Object");
        registry.Register(typeof(string), "String");
        registry.Register(typeof(bool), "Boolean");
        registry.Register(typeof(decimal), "Decimal");
        registry.Register(typeof(double), "Double");
        registry.Register(typeof(byte), "Byte");
        registry.Register(typeof(char), "Char");
        registry.Register(typeof(byte[]), "ByteArray");
        registry.Register(typeof(Guid), "Guid");
        registry.Register(typeof(DateTime), "DateTime");
        registry.Register(typeof(DateTimeOffset), "DateTimeOffset");
        registry.Register(typeof(DateOnly), "DateOnly");
        registry.Register(typeof(TimeOnly), "TimeOnly");
        registry.Register(typeof(TimeSpan), "TimeSpan");
        registry.Register(typeof(Stream), "Stream");
        registry.Register(typeof(Uri), "Uri");
        registry.Register(typeof(HttpStatusCode), "HttpStatusCode");
        registry.Register(typeof(ExpandoObject), "ExpandoObject");
        registry.Register(typeof(ExpandoObject), "JSON");
        registry.Register(typeof(JsonElement), "JsonElement");
        registry.Register(typeof(JsonNode), "JsonNode");
        registry.Register(typeof(JsonObject), "JsonObject");
        registry.Register(typeof(JsonArray), "JsonArray");
        registry.Register(typeof(IDictionary<string, string>), "StringDictionary");
        registry.Register(typeof(IDictionary<string, object>), "ObjectDictionary");
        registry.Register(typeof(Dictionary<string, string>), "StringMap");
        registry.Register(typeof(Dictionary<string, object>), "ObjectMap");
        return registry;
    }

    /// <summary>Registers <paramref name="alias"/> for <paramref name="type"/> (and <c>alias?</c> for a value type).</summary>
    public void Register(Type type, string alias)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(alias);

        _aliasToType[alias] = type;
        _typeToAlias[type] = alias;
        _resolved.Clear();

        if (type.IsValueType && Nullable.GetUnderlyingType(type) is null)
        {
            var nullable = typeof(Nullable<>).MakeGenericType(type);
            _aliasToType[alias + "?"] = nullable;
            _typeToAlias[nullable] = alias + "?";
        }
    }

    /// <summary>Every registered alias with its type.</summary>
    public IReadOnlyDictionary<string, Type> Aliases => _aliasToType;

    /// <summary>Resolves an alias, a compound form or a (simple) assembly-qualified name; false when unknown.</summary>
    public bool TryGetType(string? typeName, out Type type)
    {
        type = typeof(object);

        if (string.IsNullOrWhiteSpace(typeName))
        {
            return false;
        }

        if (_resolved.TryGetValue(typeName, out var cached))
        {
            type = cached;
            return true;
        }

        var resolved = Resolve(typeName.Trim());

        if (resolved is null)
        {
            return false;
        }

        _resolved[typeName] = resolved;
        type = resolved;
        return true;
    }

    /// <summary>Resolves a type name, falling back to <see cref="object"/> for unknown names.</summary>
    public Type GetTypeOrObject(string? typeName) => TryGetType(typeName, out var type) ? type : typeof(object);

    /// <summary>The alias Elsa writes for <paramref name="type"/>: a registered alias, <c>X[]</c>, <c>List&lt;X&gt;</c>,
    /// or the simple assembly-qualified name.</summary>
    public string GetAlias(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);

        if (_typeToAlias.TryGetValue(type, out var alias))
        {
            return alias;
        }

        if (type.IsArray && type.GetElementType() is { } elementType)
        {
            return GetAlias(elementType) + "[]";
        }

        if (type.IsGenericType && !type.ContainsGenericParameters)
        {
            var definition = type.GetGenericTypeDefinition();
            var name = definition.Name[..definition.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{name}<{string.Join(", ", type.GenericTypeArguments.Select(GetAlias))}>";
        }

        return $"{type.FullName}, {type.Assembly.GetName().Name}";
    }

    private Type? Resolve(string typeName)
    {
        if (_aliasToType.TryGetValue(typeName, out var aliased))
        {
            return aliased;
        }

        const string unregisteredPrefix = "UnregisteredClrType:";
        if (typeName.StartsWith(unregisteredPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Resolve(typeName[unregisteredPrefix.Length..].Trim());
        }

        if (typeName.EndsWith('?'))
        {
            var inner = Resolve(typeName[..^1].Trim());
            return inner is { IsValueType: true } && Nullable.GetUnderlyingType(inner) is null
                ? typeof(Nullable<>).MakeGenericType(inner)
                : inner;
        }

        if (typeName.EndsWith("[]", StringComparison.Ordinal))
        {
            var element = Resolve(typeName[..^2].Trim());
            return element?.MakeArrayType();
        }

        var genericStart = typeName.IndexOf('<', StringComparison.Ordinal);
        if (genericStart > 0 && typeName.EndsWith('>'))
        {
            return ResolveGeneric(typeName[..genericStart].Trim(), typeName[(genericStart + 1)..^1]);
        }

        return ResolveClrName(typeName);
    }

    private Type? ResolveGeneric(string definitionName, string argumentList)
    {
        var arguments = SplitGenericArguments(argumentList).Select(a => Resolve(a.Trim()) ?? typeof(object)).ToArray();
        var shortName = definitionName[(definitionName.LastIndexOf('.') + 1)..];

        var definition = (shortName, arguments.Length) switch
        {
            ("List", 1) => typeof(List<>),
            ("IList", 1) => typeof(IList<>),
            ("ICollection", 1) => typeof(ICollection<>),
            ("IEnumerable", 1) => typeof(IEnumerable<>),
            ("IReadOnlyList", 1) => typeof(IReadOnlyList<>),
            ("IReadOnlyCollection", 1) => typeof(IReadOnlyCollection<>),
            ("HashSet", 1) => typeof(HashSet<>),
            ("ISet", 1) => typeof(ISet<>),
            ("Nullable", 1) => typeof(Nullable<>),
            ("Dictionary", 2) => typeof(Dictionary<,>),
            ("IDictionary", 2) => typeof(IDictionary<,>),
            ("IReadOnlyDictionary", 2) => typeof(IReadOnlyDictionary<,>),
            _ => null,
        };

        try
        {
            return definition?.MakeGenericType(arguments);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static List<string> SplitGenericArguments(string list)
    {
        var result = new List<string>();
        var depth = 0;
        var start = 0;

        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '<' or '[':
                    depth++;
                    break;
                case '>' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    result.Add(list[start..i]);
                    start = i + 1;
                    break;
            }
        }

        result.Add(list[start..]);
        return result;
    }

    /// <summary>Types older definitions name that no longer exist here, by full name.</summary>
    private static readonly Dictionary<string, Type> LegacyTypes = new(StringComparer.Ordinal)
    {
        ["Newtonsoft.Json.Linq.JObject"] = typeof(JsonObject),
        ["Newtonsoft.Json.Linq.JArray"] = typeof(JsonArray),
        ["Newtonsoft.Json.Linq.JToken"] = typeof(JsonNode),
        ["Newtonsoft.Json.Linq.JValue"] = typeof(JsonNode),
    };

    private static Type? ResolveClrName(string typeName)
    {
        // Type.GetType on a name from stored JSON only looks at assemblies already loaded: it never loads one by name.
        var type = Type.GetType(typeName, assemblyResolver: name => FindLoadedAssembly(name.Name), typeResolver: null, throwOnError: false);

        if (type is not null)
        {
            return type;
        }

        // Old Elsa/System namespaces and names without an assembly part.
        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        var fullName = comma >= 0 && !typeName.Contains('[', StringComparison.Ordinal) ? typeName[..comma].Trim() : typeName;

        if (LegacyTypes.TryGetValue(fullName, out var legacy))
        {
            return legacy;
        }

        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic)
            {
                continue;
            }

            var candidate = assembly.GetType(fullName, throwOnError: false, ignoreCase: false);
            if (candidate is not null)
            {
                return candidate;
            }
        }

        return null;
    }

    private static System.Reflection.Assembly? FindLoadedAssembly(string? name) =>
        name is null
            ? null
            : AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => string.Equals(a.GetName().Name, name, StringComparison.OrdinalIgnoreCase))
              ?? (name is "mscorlib" or "System.Private.CoreLib" or "System.Runtime" ? typeof(object).Assembly : null);
}
