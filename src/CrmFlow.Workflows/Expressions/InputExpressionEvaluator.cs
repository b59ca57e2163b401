using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Expressions;

/// <summary>
/// <c>Input</c>: the value names a workflow input, as a string or as Elsa's input definition object
/// (<c>{ "name": "..." }</c>); looked up case-insensitively. A missing input gives null/default.
/// </summary>
public sealed class InputExpressionEvaluator : IExpressionEvaluator
{
    public const string TypeName = "Input";

    public string ExpressionType => TypeName;

    public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(targetType);
        ArgumentNullException.ThrowIfNull(context);

        var name = expression.Value switch
        {
            JsonObject obj => obj.FirstOrDefault(p => string.Equals(p.Key, "name", StringComparison.OrdinalIgnoreCase)).Value is JsonValue v
                              && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        };

        var value = string.IsNullOrWhiteSpace(name) ? null : context.GetWorkflowInput(name);
        return ValueTask.FromResult(ValueConverter.ConvertTo(value, targetType));
    }
}
