using System.Collections;
using System.Dynamic;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace CrmFlow.Workflows.Expressions.JavaScript;

/// <summary>
/// Moves values across the script boundary. Into script, data (dictionaries, <see cref="ExpandoObject"/>, lists,
/// JSON) is <em>copied</em> into plain JavaScript objects and arrays, so <c>JSON.stringify</c>, spreading and
/// <c>Object.keys</c> work and a script never mutates workflow state by accident; other .NET objects are wrapped
/// and answer to lower-camel member names. Out of script, objects become <see cref="ExpandoObject"/>, arrays
/// <c>object?[]</c>, numbers <see cref="double"/>, dates <see cref="DateTime"/> (UTC), as Elsa's Jint does.
/// </summary>
public static class JintValues
{
    private const int MaxDepth = 64;

    /// <summary>Converts a script value to a plain .NET value.</summary>
    public static object? ToClr(JsValue? value) => ToClr(value, 0);

    /// <summary>Converts a .NET value to a script value (data copied, other objects wrapped).</summary>
    public static JsValue ToJs(Engine engine, object? value) => ToJs(engine, value, 0);

    private static object? ToClr(JsValue? value, int depth)
    {
        if (value is null || value.IsNull() || value.IsUndefined())
        {
            return null;
        }

        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("The script returned a value nested too deeply (or containing a cycle).");
        }

        switch (value)
        {
            case JsString:
                return value.AsString();
            case JsNumber:
                return value.AsNumber();
            case JsBoolean:
                return value.AsBoolean();
            case IObjectWrapper wrapper:
                return wrapper.Target;
            case JsArray array:
            {
                var length = (int)array.Length;
                var result = new object?[length];
                for (var i = 0; i < length; i++)
                {
                    result[i] = ToClr(array.Get(i), depth + 1);
                }

                return result;
            }

            case Function:
                // Functions are behaviour, not data: they do not leave the script.
                return null;
            case JsObject obj:
            {
                var expando = new ExpandoObject();
                var dictionary = (IDictionary<string, object?>)expando;
                foreach (var key in obj.GetOwnPropertyKeys(Types.String))
                {
                    var descriptor = obj.GetOwnProperty(key);
                    if (descriptor.Enumerable)
                    {
                        dictionary[key.AsString()] = ToClr(obj.Get(key), depth + 1);
                    }
                }

                return expando;
            }

            default:
                return value.ToObject();
        }
    }

    private static JsValue ToJs(Engine engine, object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("A value handed to the script is nested too deeply (or contains a cycle).");
        }

        switch (value)
        {
            case null:
                return JsValue.Null;
            case JsValue js:
                return js;
            case string s:
                return new JsString(s);
            case bool b:
                return b ? JsBoolean.True : JsBoolean.False;
            case int i:
                return JsNumber.Create(i);
            case double d:
                return JsNumber.Create(d);
            case long or short or byte or float or decimal or uint or ulong or ushort or sbyte:
                return JsNumber.Create(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
            case JsonElement element:
                return ToJs(engine, JsonValues.ToClr(element), depth);
            case JsonNode node:
                return ToJs(engine, JsonValues.ToClr(node), depth);
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return ToJsObject(engine, pairs, depth);
            case IDictionary dictionary when dictionary.Keys.Cast<object>().All(k => k is string):
                return ToJsObject(engine, dictionary.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object?>((string)e.Key, e.Value)), depth);
            case byte[]:
                return JsValue.FromObject(engine, value);
            case IEnumerable enumerable and not IDictionary:
            {
                var items = new List<JsValue>();
                foreach (var item in enumerable)
                {
                    items.Add(ToJs(engine, item, depth + 1));
                }

                return new JsArray(engine, items.ToArray());
            }

            default:
                return JsValue.FromObject(engine, value);
        }
    }

    private static JsObject ToJsObject(Engine engine, IEnumerable<KeyValuePair<string, object?>> pairs, int depth)
    {
        var obj = new JsObject(engine);
        foreach (var (key, item) in pairs)
        {
            obj.CreateDataProperty(key, ToJs(engine, item, depth + 1));
        }

        return obj;
    }
}
