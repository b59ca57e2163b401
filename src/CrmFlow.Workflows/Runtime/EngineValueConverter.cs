using System.Collections;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Runtime;

/// <summary>
/// Converts workflow values to a target type the way Elsa tolerates them: "True" to bool, "4" to Int32,
/// "00:00:05" to TimeSpan, "OK" to <see cref="HttpStatusCode"/>, JSON text to arrays/objects, JSON nodes to
/// plain CLR values (dictionaries, lists, primitives).
/// </summary>
public static class EngineValueConverter
{
    public static T? ConvertTo<T>(object? value) => (T?)ConvertTo(value, typeof(T));

    public static object? ConvertTo(object? value, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        if (value is JsonNode or JsonElement)
        {
            value = ToPlain(value);
        }

        if (value is null)
        {
            return targetType.IsValueType && Nullable.GetUnderlyingType(targetType) == null ? Activator.CreateInstance(targetType) : null;
        }

        var underlying = Nullable.GetUnderlyingType(targetType) ?? targetType;
        if (underlying == typeof(object) || underlying.IsInstanceOfType(value))
        {
            return value;
        }

        if (value is string s)
        {
            return FromString(s, underlying, targetType);
        }

        if (underlying == typeof(string))
        {
            return value switch
            {
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                IDictionary or IList => JsonSerializer.Serialize(value),
                _ => value.ToString(),
            };
        }

        if (underlying.IsEnum)
        {
            return Enum.ToObject(underlying, System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }

        if (underlying == typeof(TimeSpan) && value is IConvertible)
        {
            return TimeSpan.FromMilliseconds(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
        }

        if (underlying == typeof(DateTimeOffset) && value is DateTime dt)
        {
            return new DateTimeOffset(dt);
        }

        if (typeof(IConvertible).IsAssignableFrom(underlying) && value is IConvertible)
        {
            return System.Convert.ChangeType(value, underlying, CultureInfo.InvariantCulture);
        }

        if (value is IEnumerable enumerable && value is not IDictionary && TryConvertEnumerable(enumerable, underlying, out var converted))
        {
            return converted;
        }

        if (value is IDictionary dict && TryConvertDictionary(dict, underlying, out var convertedDict))
        {
            return convertedDict;
        }

        // Last resort: a JSON round trip into the target type.
        return JsonSerializer.Deserialize(JsonSerializer.Serialize(value), targetType);
    }

    /// <summary>JSON nodes/elements to plain CLR values: objects become dictionaries, arrays lists.</summary>
    public static object? ToPlain(object? value) => value switch
    {
        JsonElement e => FromElement(e),
        JsonValue v => FromElement(v.Deserialize<JsonElement>()),
        JsonObject o => o.ToDictionary(p => p.Key, p => ToPlain(p.Value), StringComparer.Ordinal),
        JsonArray a => a.Select(ToPlain).ToList(),
        _ => value,
    };

    private static object? FromElement(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => e.TryGetInt32(out var i) ? i : e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromElement(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => e.EnumerateArray().Select(FromElement).ToList(),
        _ => null,
    };

    private static object? FromString(string s, Type underlying, Type targetType)
    {
        if (underlying == typeof(string))
        {
            return s;
        }

        if (string.IsNullOrWhiteSpace(s))
        {
            return targetType.IsValueType && Nullable.GetUnderlyingType(targetType) == null ? Activator.CreateInstance(targetType) : null;
        }

        var ci = CultureInfo.InvariantCulture;
        if (underlying == typeof(bool))
        {
            return bool.Parse(s.Trim());
        }

        if (underlying == typeof(TimeSpan))
        {
            return TimeSpan.Parse(s, ci);
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(s, ci, DateTimeStyles.AssumeUniversal);
        }

        if (underlying == typeof(DateTime))
        {
            return DateTime.Parse(s, ci, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        if (underlying == typeof(Guid))
        {
            return Guid.Parse(s);
        }

        if (underlying == typeof(Uri))
        {
            return new Uri(s, UriKind.RelativeOrAbsolute);
        }

        if (underlying.IsEnum)
        {
            return Enum.Parse(underlying, s.Trim(), ignoreCase: true);
        }

        if (underlying.IsPrimitive || underlying == typeof(decimal))
        {
            return System.Convert.ChangeType(s.Trim(), underlying, ci);
        }

        var trimmed = s.TrimStart();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
        {
            return ConvertTo(JsonNode.Parse(s), targetType);
        }

        if (TryConvertEnumerable(new[] { s }, underlying, out var single))
        {
            return single;
        }

        return JsonSerializer.Deserialize(JsonSerializer.Serialize(s), targetType);
    }

    private static bool TryConvertEnumerable(IEnumerable source, Type target, out object? result)
    {
        Type? element = null;
        if (target.IsArray)
        {
            element = target.GetElementType();
        }
        else if (target.IsGenericType && target.GetGenericArguments().Length == 1 && typeof(IEnumerable).IsAssignableFrom(target))
        {
            element = target.GetGenericArguments()[0];
        }
        else if (target == typeof(IEnumerable))
        {
            element = typeof(object);
        }

        if (element == null)
        {
            result = null;
            return false;
        }

        var items = source.Cast<object?>().Select(x => ConvertTo(x, element)).ToList();
        if (target.IsArray)
        {
            var array = Array.CreateInstance(element, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                array.SetValue(items[i], i);
            }

            result = array;
            return true;
        }

        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        foreach (var item in items)
        {
            list.Add(item);
        }

        result = target.IsInstanceOfType(list) ? list : null;
        return result != null;
    }

    private static bool TryConvertDictionary(IDictionary source, Type target, out object? result)
    {
        if (!target.IsGenericType || target.GetGenericArguments() is not [var keyType, var valueType] || keyType != typeof(string))
        {
            result = null;
            return false;
        }

        var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(keyType, valueType))!;
        foreach (DictionaryEntry entry in source)
        {
            dict[entry.Key.ToString()!] = ConvertTo(entry.Value, valueType);
        }

        result = target.IsInstanceOfType(dict) ? dict : null;
        return result != null;
    }
}
