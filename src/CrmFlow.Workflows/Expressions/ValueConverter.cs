using System.Collections;
using System.ComponentModel;
using System.Dynamic;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using CrmFlow.Workflows.Expressions.JavaScript;
using Jint.Native;

namespace CrmFlow.Workflows.Expressions;

/// <summary>
/// Converts evaluated values to the CLR type an input or variable declares, the way Elsa's <c>ObjectConverter</c>
/// does: strings to numbers, booleans, enums (by name or number), <see cref="TimeSpan"/>, dates, GUIDs; JSON text,
/// <see cref="JsonElement"/>, <see cref="JsonNode"/>, Jint values and <see cref="ExpandoObject"/> to collections,
/// dictionaries and objects; numbers between numeric types.
/// </summary>
/// <remarks>
/// Unlike Elsa's lenient default, a value that cannot be converted raises <see cref="ValueConversionException"/>
/// rather than silently becoming the type's default; blank strings do become the default (null, 0, false).
/// </remarks>
public static class ValueConverter
{
    /// <summary>Converts <paramref name="value"/> to <typeparamref name="T"/>; null becomes <c>default</c>.</summary>
    public static T? ConvertTo<T>(object? value) => ConvertTo(value, typeof(T)) is T t ? t : default;

    /// <summary>Converts without throwing.</summary>
    public static bool TryConvertTo(object? value, Type targetType, out object? result)
    {
        try
        {
            result = ConvertTo(value, targetType);
            return true;
        }
        catch (ValueConversionException)
        {
            result = null;
            return false;
        }
    }

    /// <summary>Converts <paramref name="value"/> to <paramref name="targetType"/>.</summary>
    /// <exception cref="ValueConversionException">The value has no sensible conversion.</exception>
    public static object? ConvertTo(object? value, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);

        value = Normalize(value, targetType);

        if (value is null)
        {
            return DefaultOf(targetType);
        }

        if (targetType == typeof(object))
        {
            return ToPlain(value);
        }

        var target = Nullable.GetUnderlyingType(targetType) ?? targetType;

        if (value is ExpandoObject && IsDictionaryTarget(target))
        {
            // A declared dictionary gets a real Dictionary, as in Elsa, not the dynamic object behind it.
            return FromDictionary(value, target, targetType);
        }

        if (targetType.IsInstanceOfType(value))
        {
            return value;
        }

        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        try
        {
            return Convert(value, target, targetType);
        }
        catch (ValueConversionException)
        {
            throw;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or JsonException or ArgumentException or NotSupportedException or XmlException)
        {
            throw new ValueConversionException(value, targetType, e);
        }
    }

    /// <summary>The default value of <paramref name="type"/>: null for reference and nullable types.</summary>
    public static object? DefaultOf(Type type) =>
        type.IsValueType && Nullable.GetUnderlyingType(type) is null && type != typeof(void) ? Activator.CreateInstance(type) : null;

    /// <summary>
    /// Unwraps values that only carry data (Jint values, <see cref="JsonElement"/>, JSON nulls) into plain .NET values
    /// (see <see cref="JsonValues"/>); leaves other values as they are.
    /// </summary>
    public static object? ToPlain(object? value) => value switch
    {
        null => null,
        JsValue js => JintValues.ToClr(js),
        JsonElement element => JsonValues.ToClr(element),
        JsonValue jsonValue when jsonValue.GetValueKind() is JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value,
    };

    private static object? Normalize(object? value, Type targetType)
    {
        switch (value)
        {
            case null:
                return null;
            case JsValue js:
                return JintValues.ToClr(js);
            case JsonElement element when targetType == typeof(JsonElement) || targetType == typeof(JsonElement?):
                return element;
            case JsonElement element:
                return element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : JsonValues.ToClr(element);
            case JsonNode node when !targetType.IsInstanceOfType(node) && node.GetValueKind() is not (JsonValueKind.Object or JsonValueKind.Array):
                return JsonValues.ToClr(node);
            default:
                return value;
        }
    }

    private static object? Convert(object value, Type target, Type declared)
    {
        if (value is string s)
        {
            return FromString(s, target, declared);
        }

        if (target == typeof(string))
        {
            return ToText(value);
        }

        if (target == typeof(JsonElement))
        {
            using var document = JsonDocument.Parse(JsonValues.Serialize(value));
            return document.RootElement.Clone();
        }

        if (typeof(JsonNode).IsAssignableFrom(target))
        {
            return CheckedNode(JsonValues.ToJsonNode(value), target, value, declared);
        }

        if (value is JsonNode node)
        {
            // Objects and arrays: go through plain values so element conversion applies.
            return ConvertTo(JsonValues.ToClr(node), declared);
        }

        if (IsNumeric(target) || target == typeof(bool) || target == typeof(char))
        {
            return FromScalar(value, target);
        }

        if (target.IsEnum)
        {
            return value switch
            {
                bool => throw new ValueConversionException(value, declared),
                IConvertible when IsNumeric(value.GetType()) => Enum.ToObject(target, System.Convert.ToInt64(value, CultureInfo.InvariantCulture)),
                _ => FromString(ToText(value), target, declared),
            };
        }

        if (IsDateType(target) && IsDateType(value.GetType()))
        {
            return ConvertDate(value, target);
        }

        if (target == typeof(TimeSpan) && value is double or int or long)
        {
            // JavaScript has no duration type: a number is read as milliseconds (Elsa would fall back to zero).
            return TimeSpan.FromMilliseconds(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
        }

        if (value is IDictionary<string, object?> or IDictionary<string, object> || IsStringKeyedDictionary(value))
        {
            return FromDictionary(value, target, declared);
        }

        if (value is IEnumerable enumerable && TryGetElementType(target, out var elementType))
        {
            return BuildCollection(enumerable.Cast<object?>(), target, elementType);
        }

        if (target == typeof(Guid) || target == typeof(Uri) || target == typeof(TimeSpan) || IsDateType(target))
        {
            return FromString(ToText(value), target, declared);
        }

        var targetConverter = TypeDescriptor.GetConverter(target);
        if (targetConverter.CanConvertFrom(value.GetType()))
        {
            return targetConverter.ConvertFrom(null, CultureInfo.InvariantCulture, value);
        }

        var sourceConverter = TypeDescriptor.GetConverter(value.GetType());
        if (sourceConverter.CanConvertTo(target))
        {
            return sourceConverter.ConvertTo(null, CultureInfo.InvariantCulture, value, target);
        }

        if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
        {
            return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }

        if (target.IsClass && !target.IsAbstract && value is not IConvertible)
        {
            // Any other object: round-trip through JSON (a record from an ExpandoObject, say).
            return JsonSerializer.Deserialize(JsonValues.Serialize(value), target, JsonValues.ReaderOptions);
        }

        throw new ValueConversionException(value, declared);
    }

    private static object? FromString(string s, Type target, Type declared)
    {
        if (target == typeof(string))
        {
            return s;
        }

        var trimmed = s.Trim();

        if (trimmed.Length == 0)
        {
            return DefaultOf(declared);
        }

        if (target == typeof(byte[]))
        {
            return System.Convert.FromBase64String(trimmed);
        }

        if (typeof(JsonNode).IsAssignableFrom(target))
        {
            var node = LooksLikeJson(trimmed) ? JsonNode.Parse(trimmed) : JsonValue.Create(s);
            return CheckedNode(node, target, s, declared);
        }

        if (target == typeof(JsonElement))
        {
            using var document = JsonDocument.Parse(LooksLikeJson(trimmed) ? trimmed : JsonSerializer.Serialize(s));
            return document.RootElement.Clone();
        }

        if (target == typeof(bool))
        {
            if (bool.TryParse(trimmed, out var b))
            {
                return b;
            }

            return trimmed switch
            {
                "1" => true,
                "0" => false,
                _ => throw new ValueConversionException(s, declared),
            };
        }

        if (IsNumeric(target))
        {
            return ParseNumber(trimmed, target, declared);
        }

        if (target.IsEnum)
        {
            return Enum.Parse(target, trimmed, ignoreCase: true);
        }

        if (target == typeof(char))
        {
            return s.Length == 1 ? s[0] : throw new ValueConversionException(s, declared);
        }

        if (target == typeof(Guid))
        {
            return Guid.Parse(trimmed);
        }

        if (target == typeof(TimeSpan))
        {
            if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span))
            {
                return span;
            }

            // ISO 8601 durations (PT5S, P1D).
            return XmlConvert.ToTimeSpan(trimmed);
        }

        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (target == typeof(DateTime))
        {
            return DateTime.Parse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }

        if (target == typeof(DateOnly))
        {
            return DateOnly.FromDateTime(DateTime.Parse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        }

        if (target == typeof(TimeOnly))
        {
            return TimeOnly.Parse(trimmed, CultureInfo.InvariantCulture);
        }

        if (target == typeof(Uri))
        {
            return new Uri(trimmed, UriKind.RelativeOrAbsolute);
        }

        if (target == typeof(Type))
        {
            return WellKnownTypeRegistry.Default.TryGetType(trimmed, out var type) ? type : throw new ValueConversionException(s, declared);
        }

        if (LooksLikeJson(trimmed))
        {
            if (target == typeof(ExpandoObject) || IsDictionaryTarget(target) || TryGetElementType(target, out _))
            {
                return ConvertTo(JsonValues.ParseToClr(trimmed), declared);
            }

            return JsonSerializer.Deserialize(trimmed, target, JsonValues.ReaderOptions);
        }

        if (TryGetElementType(target, out var elementType))
        {
            // A lone string where a list is expected becomes a one-item list (Elsa does the same for strings).
            return BuildCollection([s], target, elementType);
        }

        var converter = TypeDescriptor.GetConverter(target);
        if (converter.CanConvertFrom(typeof(string)))
        {
            return converter.ConvertFrom(null, CultureInfo.InvariantCulture, s);
        }

        throw new ValueConversionException(s, declared);
    }

    private static object FromScalar(object value, Type target)
    {
        if (target == typeof(bool))
        {
            return value switch
            {
                bool b => b,
                double d => d != 0 && !double.IsNaN(d),
                IConvertible c when IsNumeric(value.GetType()) => c.ToDecimal(CultureInfo.InvariantCulture) != 0,
                _ => throw new ValueConversionException(value, target),
            };
        }

        if (value is Enum e)
        {
            return System.Convert.ChangeType(System.Convert.ToInt64(e, CultureInfo.InvariantCulture), target, CultureInfo.InvariantCulture);
        }

        if (value is BigInteger big)
        {
            return System.Convert.ChangeType((decimal)big, target, CultureInfo.InvariantCulture);
        }

        if (value is bool flag && IsNumeric(target))
        {
            return System.Convert.ChangeType(flag ? 1 : 0, target, CultureInfo.InvariantCulture);
        }

        if (value is double or float && IsIntegral(target))
        {
            var d = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            if (double.IsNaN(d) || double.IsInfinity(d))
            {
                throw new ValueConversionException(value, target);
            }
        }

        if (value is IConvertible)
        {
            return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
        }

        throw new ValueConversionException(value, target);
    }

    private static object ParseNumber(string s, Type target, Type declared)
    {
        const NumberStyles styles = NumberStyles.Float;
        var culture = CultureInfo.InvariantCulture;

        if (target == typeof(int) && int.TryParse(s, styles, culture, out var i))
        {
            return i;
        }

        if (target == typeof(long) && long.TryParse(s, styles, culture, out var l))
        {
            return l;
        }

        if (target == typeof(double) && double.TryParse(s, styles, culture, out var d))
        {
            return d;
        }

        if (target == typeof(decimal) && decimal.TryParse(s, styles, culture, out var m))
        {
            return m;
        }

        // Other types, and integral targets given "4.0" or "1e3": parse as decimal, then convert exactly.
        if (decimal.TryParse(s, styles, culture, out var number))
        {
            if (IsIntegral(target) && decimal.Truncate(number) != number)
            {
                throw new ValueConversionException(s, declared, new FormatException($"'{s}' is not a whole number."));
            }

            return System.Convert.ChangeType(number, target, culture);
        }

        if (target == typeof(double) || target == typeof(float))
        {
            return System.Convert.ChangeType(double.Parse(s, styles, culture), target, culture);
        }

        throw new ValueConversionException(s, declared, new FormatException($"'{s}' is not a number."));
    }

    private static object? FromDictionary(object value, Type target, Type declared)
    {
        var source = AsStringKeyedDictionary(value);

        if (target == typeof(ExpandoObject))
        {
            var expando = new ExpandoObject();
            var dictionary = (IDictionary<string, object?>)expando;
            foreach (var (key, item) in source)
            {
                dictionary[key] = item;
            }

            return expando;
        }

        if (IsDictionaryTarget(target))
        {
            var valueType = target.IsGenericType ? target.GenericTypeArguments[^1] : typeof(object);
            var concrete = target.IsInterface || target.IsAbstract ? typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType) : target;
            var dictionary = (IDictionary)Activator.CreateInstance(concrete)!;
            foreach (var (key, item) in source)
            {
                dictionary[key] = valueType == typeof(object) ? item : ConvertTo(item, valueType);
            }

            return dictionary;
        }

        if (TryGetElementType(target, out _))
        {
            throw new ValueConversionException(value, declared);
        }

        return JsonSerializer.Deserialize(JsonValues.Serialize(source), target, JsonValues.ReaderOptions);
    }

    private static object BuildCollection(IEnumerable<object?> items, Type target, Type elementType)
    {
        var converted = items.Select(item => elementType == typeof(object) ? ToPlain(item) : ConvertTo(item, elementType)).ToList();

        if (target.IsArray || target == typeof(IEnumerable) || target == typeof(ICollection))
        {
            var array = Array.CreateInstance(elementType, converted.Count);
            for (var i = 0; i < converted.Count; i++)
            {
                array.SetValue(converted[i], i);
            }

            return array;
        }

        var isSet = target.IsGenericType && (target.GetGenericTypeDefinition() == typeof(ISet<>) || target.GetGenericTypeDefinition() == typeof(HashSet<>)
                                             || target.GetGenericTypeDefinition() == typeof(IReadOnlySet<>));
        var concrete = !target.IsInterface && !target.IsAbstract
            ? target
            : (isSet ? typeof(HashSet<>) : typeof(List<>)).MakeGenericType(elementType);
        var collection = Activator.CreateInstance(concrete)!;

        if (collection is IList list)
        {
            foreach (var item in converted)
            {
                list.Add(item);
            }

            return collection;
        }

        var add = concrete.GetMethod("Add", [elementType]) ?? throw new ValueConversionException(items, target);
        foreach (var item in converted)
        {
            add.Invoke(collection, [item]);
        }

        return collection;
    }

    /// <summary>Text for a value: JSON for structured data, invariant formatting for the rest.</summary>
    public static string ToText(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "True" : "False",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        JsonValue jv when jv.GetValueKind() == JsonValueKind.String => jv.GetValue<object>() is JsonElement e ? e.GetString() ?? string.Empty : jv.ToString(),
        JsonNode node => node.ToJsonString(JsonValues.SerializerOptions),
        JsonElement element => element.ValueKind == JsonValueKind.String ? element.GetString() ?? string.Empty : element.GetRawText(),
        JsValue js => ToText(JintValues.ToClr(js)),
        IDictionary or ExpandoObject => JsonValues.Serialize(value),
        IEnumerable => JsonValues.Serialize(value),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static JsonNode? CheckedNode(JsonNode? node, Type target, object source, Type declared) =>
        node is null || target.IsInstanceOfType(node) ? node : throw new ValueConversionException(source, declared);

    private static object ConvertDate(object value, Type target) => target switch
    {
        _ when target == typeof(DateTime) => value switch
        {
            DateTimeOffset dto => dto.UtcDateTime,
            DateOnly date => date.ToDateTime(TimeOnly.MinValue),
            _ => value,
        },
        _ when target == typeof(DateTimeOffset) => value switch
        {
            DateTime dt => dt.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(dt, TimeSpan.Zero) : new DateTimeOffset(dt),
            DateOnly date => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            _ => value,
        },
        _ => value switch
        {
            DateTime dt => DateOnly.FromDateTime(dt),
            DateTimeOffset dto => DateOnly.FromDateTime(dto.DateTime),
            _ => value,
        },
    };

    private static bool LooksLikeJson(string trimmed) => trimmed[0] is '{' or '[';

    private static bool IsDateType(Type type) => type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly);

    private static bool IsIntegral(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);

    private static bool IsNumeric(Type type) => IsIntegral(type) || type == typeof(double) || type == typeof(float) || type == typeof(decimal);

    private static bool IsDictionaryTarget(Type target)
    {
        if (target == typeof(IDictionary) || target == typeof(Hashtable))
        {
            return true;
        }

        if (!target.IsGenericType)
        {
            return false;
        }

        var definition = target.GetGenericTypeDefinition();
        return (definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
               && target.GenericTypeArguments[0] == typeof(string);
    }

    private static bool IsStringKeyedDictionary(object value) =>
        value is IDictionary dictionary && dictionary.GetType().GetInterfaces().Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GenericTypeArguments[0] == typeof(string));

    private static IEnumerable<KeyValuePair<string, object?>> AsStringKeyedDictionary(object value)
    {
        if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            return pairs;
        }

        return ((IDictionary)value).Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>((string)e.Key, e.Value));
    }

    /// <summary>True for arrays and collection interfaces/classes (not strings or dictionaries); gives the element type.</summary>
    private static bool TryGetElementType(Type target, out Type elementType)
    {
        elementType = typeof(object);

        if (target == typeof(string) || IsDictionaryTarget(target) || target == typeof(ExpandoObject))
        {
            return false;
        }

        if (target.IsArray)
        {
            elementType = target.GetElementType()!;
            return true;
        }

        if (target == typeof(IEnumerable) || target == typeof(ICollection) || target == typeof(IList) || target == typeof(ArrayList))
        {
            return true;
        }

        if (!target.IsGenericType || target.GenericTypeArguments.Length != 1)
        {
            return false;
        }

        var definition = target.GetGenericTypeDefinition();
        if (definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IList<>) || definition == typeof(List<>)
            || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(HashSet<>)
            || definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>))
        {
            elementType = target.GenericTypeArguments[0];
            return true;
        }

        return false;
    }
}
