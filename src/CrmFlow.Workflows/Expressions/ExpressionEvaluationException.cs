namespace CrmFlow.Workflows.Expressions;

/// <summary>
/// Raised when an expression fails to parse or throws while evaluating (a script error, a template error).
/// The message names the expression type and quotes the start of the expression.
/// </summary>
public sealed class ExpressionEvaluationException : InvalidOperationException
{
    public ExpressionEvaluationException(string expressionType, string expression, string reason, Exception? inner = null)
        : base($"{expressionType} expression failed: {reason} (expression: {Shorten(expression)})", inner)
    {
        ExpressionType = expressionType;
        Expression = expression;
        Reason = reason;
    }

    public string ExpressionType { get; }

    public string Expression { get; }

    /// <summary>The error alone, without the expression text.</summary>
    public string Reason { get; }

    private static string Shorten(string expression)
    {
        var oneLine = expression.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 120 ? oneLine : oneLine[..120] + "…";
    }
}
