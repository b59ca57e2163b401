using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Expressions;

/// <summary>
/// <c>Object</c> (and its obsolete synonym <c>Json</c>): JSON text such as <c>"[\"One\",\"Two\"]"</c>, or a raw
/// JSON value, converted to the target type. For a target of <see cref="object"/> JSON objects become
/// <see cref="System.Dynamic.ExpandoObject"/> and arrays <c>object?[]</c> (Elsa would keep the text); text that
/// is not JSON stays a string. Blank text gives null/default.
/// </summary>
public sealed class ObjectExpressionEvaluator : IExpressionEvaluator
{
    public const string TypeName = "Object";

    public string ExpressionType => TypeName;

    public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(targetType);

        return ValueTask.FromResult(Evaluate(expression.Value, targetType));
    }

    private static object? Evaluate(JsonNode? value, Type targetType)
    {
        if (value is null)
        {
            return ValueConverter.DefaultOf(targetType);
        }

        if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            return ValueConverter.ConvertTo(value.DeepClone(), targetType);
        }

        var json = text.GetValue<string>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return ValueConverter.DefaultOf(targetType);
        }

        if (targetType != typeof(object))
        {
            return ValueConverter.ConvertTo(json, targetType);
        }

        try
        {
            return JsonValues.ParseToClr(json);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
