namespace CrmFlow.Workflows.Expressions;

/// <summary>Lookups shared by the evaluators.</summary>
public static class ExpressionContextExtensions
{
    /// <summary>A workflow input by name: exact match first, then case-insensitive; null when absent.</summary>
    public static object? GetWorkflowInput(this IExpressionContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);

        if (context.WorkflowInput.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var (key, item) in context.WorkflowInput)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return item;
            }
        }

        return null;
    }

    /// <summary>A variable's value, or null when no variable of that name is in scope.</summary>
    public static object? GetVariableOrDefault(this IExpressionContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TryGetVariable(name, out var value) ? value : null;
    }
}
