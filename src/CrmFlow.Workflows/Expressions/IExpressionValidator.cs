namespace CrmFlow.Workflows.Expressions;

/// <summary>An evaluator that can check an expression's syntax without running it (JavaScript, Liquid).</summary>
public interface IExpressionValidator
{
    /// <summary>The syntax error, or null when <paramref name="expression"/> parses.</summary>
    string? Validate(string expression);
}
