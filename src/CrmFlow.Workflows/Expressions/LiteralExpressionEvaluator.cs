using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Expressions;

/// <summary>
/// <c>Literal</c>: the value as written, converted to the target type ("True" → bool, "4" → Int32,
/// "00:00:05" → TimeSpan, "OK" → HttpStatusCode, "[\"GET\"]" → string[]). A missing value gives null/default.
/// JSON numbers and booleans (which the real server also accepts) keep their type when the target is object.
/// </summary>
public sealed class LiteralExpressionEvaluator : IExpressionEvaluator
{
    public const string TypeName = "Literal";

    public string ExpressionType => TypeName;

    public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(targetType);

        object? value = expression.Value switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => expression.ValueAsString,
            JsonValue v => JsonValues.ToClr(v),
            _ => expression.ValueAsString,
        };

        return ValueTask.FromResult(ValueConverter.ConvertTo(value, targetType));
    }
}
