using System.Text.Json.Nodes;

namespace CrmFlow.Workflows.Expressions;

/// <summary>
/// An expression as Elsa 3 JSON writes it: <c>{ "type": "JavaScript", "value": "..." }</c>.
/// <see cref="Value"/> is kept as raw JSON: a string for most types, any JSON value for <c>Object</c>.
/// </summary>
public sealed record ExpressionModel(string Type, JsonNode? Value)
{
    /// <summary>The value as a string (JSON strings unquoted, other JSON as text); null when absent.</summary>
    public string? ValueAsString => Value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => Value.ToJsonString(),
    };
}

/// <summary>A workflow variable as seen by expressions.</summary>
public sealed record ExpressionVariable(string Id, string Name, string? TypeName);

/// <summary>
/// What an expression can see of the running workflow. The engine implements it per activity
/// execution; tests may implement it directly.
/// </summary>
public interface IExpressionContext
{
    string WorkflowInstanceId { get; }
    string WorkflowDefinitionId { get; }
    string WorkflowDefinitionVersionId { get; }
    int WorkflowDefinitionVersion { get; }
    string? CorrelationId { get; set; }

    /// <summary>The id of the activity whose input is being evaluated, if any.</summary>
    string? ActivityId { get; }

    /// <summary>Variables in scope (innermost first when names repeat).</summary>
    IReadOnlyList<ExpressionVariable> Variables { get; }

    bool TryGetVariable(string name, out object? value);

    /// <summary>Sets a variable in scope; declares a workflow-level one when none is found.</summary>
    void SetVariable(string name, object? value);

    /// <summary>The workflow's input (by input name, case-insensitive).</summary>
    IReadOnlyDictionary<string, object?> WorkflowInput { get; }

    /// <summary>Workflow input definitions' names, for generated <c>getX()</c> accessors.</summary>
    IReadOnlyList<string> InputNames { get; }

    /// <summary>The output <paramref name="outputName"/> (or the default output when null) of an activity
    /// identified by id or name; null when it has not run.</summary>
    object? GetOutputFrom(string activityIdOrName, string? outputName);

    /// <summary>The result of the last activity that produced one (Elsa's <c>getLastResult()</c>).</summary>
    object? GetLastResult();

    /// <summary>The ambient cancellation of the execution burst.</summary>
    CancellationToken CancellationToken { get; }
}

/// <summary>Per-evaluation options: extra named values and functions exposed to scripts.</summary>
public sealed class ExpressionEvaluationOptions
{
    public static ExpressionEvaluationOptions Empty { get; } = new();

    /// <summary>Extra globals (values or delegates) a script may use, e.g. <c>setOutcome</c> for RunJavaScript.</summary>
    public IDictionary<string, object?> Arguments { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}

/// <summary>One expression language (Elsa's <c>IExpressionHandler</c> idea).</summary>
public interface IExpressionEvaluator
{
    /// <summary>Elsa's expression type name: Literal, Object, Variable, Input, JavaScript, Liquid.</summary>
    string ExpressionType { get; }

    ValueTask<object?> EvaluateAsync(
        ExpressionModel expression,
        Type targetType,
        IExpressionContext context,
        ExpressionEvaluationOptions options);
}

/// <summary>Raised when an expression names a type the engine does not know (e.g. CSharp, Python).</summary>
public sealed class UnknownExpressionTypeException(string expressionType)
    : InvalidOperationException($"Unknown expression type '{expressionType}'. Supported: Literal, Object, Variable, Input, JavaScript, Liquid.")
{
    public string ExpressionType { get; } = expressionType;
}

/// <summary>Raised when a script breaks a sandbox limit (time, recursion, memory, statements).</summary>
public sealed class ScriptLimitExceededException(string limit, string message, Exception? inner = null)
    : InvalidOperationException(message, inner)
{
    public string Limit { get; } = limit;
}

/// <summary>Sandbox limits per script evaluation; bound from configuration section <c>Workflows:Scripting</c>.</summary>
public sealed class ScriptingOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
    public int RecursionLimit { get; set; } = 256;
    public long MemoryLimitBytes { get; set; } = 64L * 1024 * 1024;
    public int MaxStatements { get; set; } = 10_000_000;
    /// <summary>CLR access from scripts; off by default.</summary>
    public bool AllowClr { get; set; }
}
