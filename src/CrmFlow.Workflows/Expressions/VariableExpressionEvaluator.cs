using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Expressions;

/// <summary>
/// <c>Variable</c>: the value names a variable in scope, either as a string (name or id) or as Elsa writes a
/// variable reference, an object with <c>id</c> and/or <c>name</c>. An unknown variable gives null/default.
/// </summary>
public sealed class VariableExpressionEvaluator : IExpressionEvaluator
{
    public const string TypeName = "Variable";

    public string ExpressionType => TypeName;

    public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(targetType);
        ArgumentNullException.ThrowIfNull(context);

        var name = ResolveName(expression.Value, context);
        object? value = null;

        if (name is not null)
        {
            context.TryGetVariable(name, out value);
        }

        return ValueTask.FromResult(ValueConverter.ConvertTo(value, targetType));
    }

    /// <summary>The variable's name for a reference given by name, id or <c>{ "id", "name" }</c>.</summary>
    public static string? ResolveName(JsonNode? reference, IExpressionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var (id, name) = reference switch
        {
            JsonObject obj => (ReadString(obj, "id"), ReadString(obj, "name")),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => (v.GetValue<string>(), v.GetValue<string>()),
            _ => (null, null),
        };

        if (id is not null)
        {
            foreach (var variable in context.Variables)
            {
                if (string.Equals(variable.Id, id, StringComparison.Ordinal))
                {
                    return variable.Name;
                }
            }
        }

        return string.IsNullOrWhiteSpace(name) ? null : name;
    }

    private static string? ReadString(JsonObject obj, string property)
    {
        foreach (var (key, value) in obj)
        {
            if (string.Equals(key, property, StringComparison.OrdinalIgnoreCase) && value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                return v.GetValue<string>();
            }
        }

        return null;
    }
}
