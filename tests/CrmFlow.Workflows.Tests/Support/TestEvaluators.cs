using System.Text.Json.Nodes;
using CrmFlow.Workflows.Expressions;

namespace CrmFlow.Workflows.Tests.Support;

/// <summary>
/// The expression evaluators the tests run with, collected in one place. Until the evaluators of the
/// expressions work land, only minimal Literal/Object ones (below) exist; the merge replaces <see cref="All"/>.
/// </summary>
public static class TestEvaluators
{
    public static IReadOnlyList<IExpressionEvaluator> All() => [new MinimalLiteralEvaluator(), new MinimalObjectEvaluator()];
}

/// <summary>Test-only Literal evaluator: returns the JSON value as a plain value (the engine converts to the target type).</summary>
internal sealed class MinimalLiteralEvaluator : IExpressionEvaluator
{
    public string ExpressionType => "Literal";

    public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions options) =>
        ValueTask.FromResult(expression.Value switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => (object?)s,
            var node => Workflows.Runtime.EngineValueConverter.ToPlain(node),
        });
}

/// <summary>Test-only Object evaluator: a JSON string is parsed, other JSON is used as is.</summary>
internal sealed class MinimalObjectEvaluator : IExpressionEvaluator
{
    public string ExpressionType => "Object";

    public ValueTask<object?> EvaluateAsync(ExpressionModel expression, Type targetType, IExpressionContext context, ExpressionEvaluationOptions options)
    {
        var node = expression.Value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? JsonNode.Parse(s) : expression.Value;
        return ValueTask.FromResult(Workflows.Runtime.EngineValueConverter.ToPlain(node));
    }
}
